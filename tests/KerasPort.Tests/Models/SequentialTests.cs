using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Tests.Layers;
using KerasPort.Utils;

namespace KerasPort.Tests.Models;

/// <summary>Sequential's structure, weights, training contract and every refusal of bad input.</summary>
[NonParallelizable]
public sealed class SequentialTests
{
    private static Sequential Small(bool compile = true)
    {
        var model = new Sequential([keras.Input([4]), new Dense(3, activation: "relu"), new Dropout(0.5), new Dense(1, activation: "sigmoid")]);
        if (compile) model.compile(optimizer: new Adam(), loss: "binary_crossentropy", metrics: ["accuracy"]);
        return model;
    }

    private static (Tensor x, Tensor y) Data(int n = 40)
    {
        var g = new torch.Generator(3);
        var x = torch.randn([n, 4], generator: g);
        var y = x.sum(1, keepdim: true).gt(0).to_type(torch.ScalarType.Float32);
        return (x, y);
    }

    [Test]
    public void Names_follow_Keras_naming_json()
    {
        keras.backend.clear_session();
        var a = SummaryTests.Build("article");
        Assert.That(a.name, Is.EqualTo("sequential"));
        Assert.That(a.layers.Select(l => l.name), Is.EqualTo(new[] { "dense", "dropout", "dense_1", "dropout_1", "dense_2" }));
        var b = new Sequential([keras.Input([60]), new Dense(60), new Dropout(0.2), new Dense(30), new Dropout(0.2), new Dense(1)]);
        Assert.That(b.name, Is.EqualTo("sequential_1"));
        Assert.That(b.layers.Select(l => l.name), Is.EqualTo(new[] { "dense_3", "dropout_2", "dense_4", "dropout_3", "dense_5" }));
    }

    [Test]
    public void Names_follow_the_recorded_sequence_of_naming_json()
    {
        // Steps 2, 4, 9, 10, 11, 12 of tests/fixtures/files/naming.json, in one "process".
        var path = KerasFixtures.path("files", "naming.json");
        var steps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("steps").EnumerateArray()
            .Where(e => e.TryGetProperty("model_name", out _) && e.GetProperty("layer_classes").EnumerateArray().All(c => c.GetString() != "InputLayer"))
            .ToList();
        Sequential article(bool input) => input
            ? new Sequential([keras.Input([60]), new Dense(60, activation: "relu"), new Dropout(0.2), new Dense(30, activation: "relu"), new Dropout(0.2), new Dense(1, activation: "sigmoid")])
            : new Sequential([new Dense(60, input_shape: [60], activation: "relu"), new Dropout(0.2), new Dense(30, activation: "relu"), new Dropout(0.2), new Dense(1, activation: "sigmoid")]);
        keras.backend.clear_session();
        var models = new List<Sequential>
        {
            article(true),
            article(true),
            article(false),
            new([keras.Input([8, 8, 1]), new Conv2D(8, 3, activation: "relu"), new MaxPooling2D(2), new Flatten(), new Dense(10, activation: "softmax")]),
            new([keras.Input([4]), new Dense(2, name: "dense"), new Dense(2, name: "dense_1")]),
            new([keras.Input([4]), new Dense(2)]),
        };
        Assert.That(steps, Has.Count.EqualTo(models.Count + 1), "the recorded steps used here (and the one after clear_session)");
        for (int i = 0; i < models.Count; i++)
        {
            Assert.That(models[i].name, Is.EqualTo(steps[i].GetProperty("model_name").GetString()), $"step {steps[i].GetProperty("step")}");
            Assert.That(models[i].layers.Select(l => l.name), Is.EqualTo(steps[i].GetProperty("layer_names").EnumerateArray().Select(e => e.GetString())));
        }
        keras.backend.clear_session();
        var after = article(true);
        Assert.That(after.name, Is.EqualTo(steps[^1].GetProperty("model_name").GetString()));
        Assert.That(after.layers.Select(l => l.name), Is.EqualTo(steps[^1].GetProperty("layer_names").EnumerateArray().Select(e => e.GetString())));
    }

    [Test]
    public void Two_layers_with_one_name_are_refused_with_Keras_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sequential([new Dense(1, name: "x"), new Dense(1, name: "x")]));
        Assert.That(e!.Message, Does.StartWith("All layers added to a Sequential model should have unique names. Name 'x' is already the name of a layer in this model. Update the `name` argument to pass a unique name."));
    }

    [Test]
    public void Add_and_pop_rebuild_the_stack()
    {
        var model = new Sequential();
        model.add(keras.Input([5]));
        model.add(new Dense(4));
        Assert.That(model.built, Is.True);
        model.add(new Dense(2));
        Assert.That(model.output_shape, Is.EqualTo(new long?[] { null, 2 }));
        var popped = model.pop();
        Assert.That(popped, Is.InstanceOf<Dense>());
        Assert.That(model.layers, Has.Count.EqualTo(1));
        Assert.That(model.output_shape, Is.EqualTo(new long?[] { null, 4 }));
        Assert.Throws<ArgumentException>(() => model.add(keras.Input([5])));
        model.pop();
        Assert.Throws<InvalidOperationException>(() => model.pop());
    }

    [Test]
    public void A_model_without_input_shape_builds_on_its_first_data()
    {
        var model = new Sequential([new Dense(3), new Dense(1)]);
        Assert.That(model.built, Is.False);
        Assert.That(model.get_weights(), Is.Empty);
        var y = model.call(torch.ones(2, 7));
        Assert.That(y.shape, Is.EqualTo(new long[] { 2, 1 }));
        Assert.That(model.get_weights().Select(w => w.shape), Is.EqualTo(new[] { new long[] { 7, 3 }, [3], [3, 1], [1] }));
    }

    [Test]
    public void Set_weights_with_a_wrong_count_or_shape_changes_nothing()
    {
        var model = Small(compile: false);
        var before = model.get_weights();
        var wrong_count = before.Take(3).ToArray();
        Assert.Throws<ArgumentException>(() => model.set_weights(wrong_count));
        var wrong_shape = before.Select(w => w.clone()).ToArray();
        wrong_shape[0] = torch.ones(9, 9);
        wrong_shape[1] = torch.ones(3) * 7;
        Assert.Throws<ArgumentException>(() => model.set_weights(wrong_shape));
        var after = model.get_weights();
        for (int i = 0; i < before.Length; i++) Assert.That(after[i].same_as(before[i]), Is.True, $"weight {i} unchanged");
    }

    [Test]
    public void Get_weights_returns_copies_in_Keras_layout()
    {
        var model = Small(compile: false);
        var weights = model.get_weights();
        Assert.That(weights.Select(w => w.shape), Is.EqualTo(new[] { new long[] { 4, 3 }, [3], [3, 1], [1] }));
        weights[0].fill_(5);
        Assert.That(model.get_weights()[0].same_as(weights[0]), Is.False);
    }

    [Test]
    public void Get_layer_and_trainable_reach_the_layers()
    {
        var model = Small(compile: false);
        Assert.That(model.get_layer(index: 1), Is.InstanceOf<Dropout>());
        Assert.That(model.get_layer(name: model.layers[2].name), Is.SameAs(model.layers[2]));
        Assert.Throws<ArgumentException>(() => model.get_layer(name: "nope"));
        Assert.Throws<ArgumentException>(() => model.get_layer(index: 9));
        Assert.Throws<ArgumentException>(() => model.get_layer());
        model.trainable = false;
        Assert.That(model.trainable_weights, Is.Empty);
        Assert.That(model.non_trainable_weights, Has.Count.EqualTo(4));
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        var before = model.get_weights();
        var (x, y) = Data();
        model.fit(x, y, epochs: 1, verbose: 0);
        var after = model.get_weights();
        for (int i = 0; i < before.Length; i++) Assert.That(after[i].same_as(before[i]), Is.True, "frozen weights stay");
    }

    [Test]
    public void Constraints_project_the_weights_after_each_update()
    {
        var (x, y) = Data();
        Func<Tensor, Tensor> clip_kernel = w => w.clamp(0.0, 0.05), clip_bias = b => b.clamp(-0.01, 0.01);
        var model = new Sequential([keras.Input([4]), new Dense(3, kernel_constraint: clip_kernel, bias_constraint: clip_bias), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new SGD(learning_rate: 1.0), loss: "binary_crossentropy");
        model.fit(x, y, batch_size: 8, epochs: 2, verbose: 0);
        var w = model.get_weights();
        Assert.That(w[0].min().item<float>(), Is.GreaterThanOrEqualTo(0f));
        Assert.That(w[0].max().item<float>(), Is.LessThanOrEqualTo(0.05f));
        Assert.That(w[1].abs().max().item<float>(), Is.LessThanOrEqualTo(0.01f));
    }

    [Test]
    public void Fit_before_compile_is_refused()
    {
        var (x, y) = Data();
        var e = Assert.Throws<InvalidOperationException>(() => Small(compile: false).fit(x, y, verbose: 0));
        Assert.That(e!.Message, Does.Contain("compile()"));
    }

    [Test]
    public void X_and_y_of_different_lengths_are_refused()
    {
        var (x, y) = Data();
        var e = Assert.Throws<ArgumentException>(() => Small().fit(x, y.narrow(0, 0, 30), verbose: 0));
        Assert.That(e!.Message, Does.StartWith("Data cardinality is ambiguous"));
        Assert.That(e.Message, Does.Contain("'x' sizes: 40").And.Contain("'y' sizes: 30"));
    }

    [Test]
    public void Input_not_matching_input_shape_is_refused_before_any_update()
    {
        var model = Small();
        var before = model.get_weights();
        Assert.Throws<ArgumentException>(() => model.fit(torch.ones(10, 5), torch.ones(10, 1), verbose: 0));
        Assert.Throws<ArgumentException>(() => model.predict(torch.ones(10, 5)));
        var after = model.get_weights();
        for (int i = 0; i < before.Length; i++) Assert.That(after[i].same_as(before[i]), Is.True);
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Non_positive_batch_size_is_refused(int batch_size)
    {
        var (x, y) = Data();
        Assert.Throws<ArgumentException>(() => Small().fit(x, y, batch_size: batch_size, verbose: 0));
        Assert.Throws<ArgumentException>(() => Small().evaluate(x, y, batch_size: batch_size, verbose: 0));
        Assert.Throws<ArgumentException>(() => Small().predict(x, batch_size: batch_size));
    }

    [TestCase(-0.1)]
    [TestCase(1.0)]
    [TestCase(1.5)]
    public void Validation_split_outside_0_1_is_refused(double split)
    {
        var (x, y) = Data();
        var e = Assert.Throws<ArgumentException>(() => Small().fit(x, y, validation_split: split, verbose: 0));
        Assert.That(e!.ParamName, Is.EqualTo("validation_split"));
    }

    [Test]
    public void Unknown_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Small(compile: false).compile(optimizer: "adam", loss: "no_such_loss"));
        Assert.Throws<ArgumentException>(() => Small(compile: false).compile(optimizer: "no_such_optimizer", loss: "mse"));
        Assert.Throws<ArgumentException>(() => new Dense(2, activation: "no_such_activation"));
    }

    [Test]
    public void Validation_split_takes_the_last_rows_with_float64_floor()
    {
        // 90 * (1 - 0.3) = 62.99999999999999 in float64: 62 training rows (FORMAT.md point 10).
        var g = new torch.Generator(5);
        var x = torch.randn([90, 4], generator: g);
        var y = torch.rand([90, 1], generator: g).gt(0.5).to_type(torch.ScalarType.Float32);
        var model = Small();
        var steps = new List<int>();
        var counter = new BatchCounter(steps);
        model.fit(x, y, batch_size: 10, epochs: 1, validation_split: 0.3, verbose: 0, callbacks: [counter]);
        Assert.That(counter.train_batches, Is.EqualTo(7), "62 rows in batches of 10");
        Assert.That(counter.test_batches, Is.EqualTo(3), "28 validation rows in batches of 10");
    }

    private sealed class BatchCounter(List<int> steps) : Callback
    {
        public int train_batches;
        public int test_batches;
        public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) { train_batches++; steps.Add(batch); }
        public override void on_test_batch_end(int batch, IDictionary<string, double>? logs = null) => test_batches++;
    }

    [Test]
    public void Callbacks_get_params_and_stop_training_ends_fit()
    {
        var (x, y) = Data();
        var model = Small();
        var stopper = new StopAfter(2);
        var history = model.fit(x, y, batch_size: 8, epochs: 10, verbose: 0, callbacks: [stopper]);
        Assert.That(history.epoch, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(stopper.@params["epochs"], Is.EqualTo(10));
        Assert.That(stopper.@params["steps"], Is.EqualTo(5));
        Assert.That(stopper.@params["verbose"], Is.EqualTo(0));
        Assert.That(ReferenceEquals(model.history, history), Is.True);
    }

    private sealed class StopAfter(int epochs) : Callback
    {
        public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
        {
            if (epoch + 1 >= epochs) model!.stop_training = true;
        }
    }

    [Test]
    public void Verbose_fit_prints_Keras_progress_and_verbose_0_prints_nothing()
    {
        var (x, y) = Data();
        var before = Console.Out;
        try
        {
            var quiet = new StringWriter();
            Console.SetOut(quiet);
            Small().fit(x, y, batch_size: 10, epochs: 2, verbose: 0);
            Assert.That(quiet.ToString(), Is.Empty);
            var text = new StringWriter();
            Console.SetOut(text);
            Small().fit(x, y, batch_size: 10, epochs: 2, verbose: 2, validation_split: 0.25);
            Assert.That(text.ToString(), Does.Contain("Epoch 1/2").And.Contain("Epoch 2/2").And.Contain("loss: ").And.Contain("val_loss: "));
        }
        finally
        {
            Console.SetOut(before);
        }
    }

    [Test]
    public void Sample_weights_scale_the_loss_as_sum_over_batch_size()
    {
        var (x, y) = Data();
        var model = Small();
        double plain = model.evaluate(x, y, verbose: 0)[0];
        double doubled = model.evaluate(x, y, sample_weight: torch.full(40, 2.0f), verbose: 0)[0];
        Assert.That(doubled, Is.EqualTo(2 * plain).Within(1e-5 * plain));
        Assert.Throws<ArgumentException>(() => model.evaluate(x, y, sample_weight: torch.ones(39), verbose: 0));
    }

    [Test]
    public void Validation_data_is_evaluated_at_each_epoch_end()
    {
        var (x, y) = Data();
        var model = Small();
        var history = model.fit(x.narrow(0, 0, 30), y.narrow(0, 0, 30), batch_size: 10, epochs: 2, verbose: 0,
            validation_data: (x.narrow(0, 30, 10), y.narrow(0, 30, 10)));
        var last = model.evaluate(x.narrow(0, 30, 10), y.narrow(0, 30, 10), return_dict: true, batch_size: 10, verbose: 0);
        Assert.That(history.history["val_loss"], Has.Count.EqualTo(2));
        Assert.That(history.history["val_loss"][1], Is.EqualTo(last["loss"]).Within(1e-6));
        Assert.That(history.history["val_accuracy"][1], Is.EqualTo(last["accuracy"]).Within(1e-6));
        Assert.Throws<ArgumentException>(() => model.fit(x, y, verbose: 0, validation_data: "nope"));
    }

    [Test]
    public void Evaluate_returns_loss_then_metrics()
    {
        var (x, y) = Data();
        var model = Small();
        var list = model.evaluate(x, y, verbose: 0);
        var dict = model.evaluate(x, y, return_dict: true, verbose: 0);
        Assert.That(list, Is.EqualTo(new[] { dict["loss"], dict["accuracy"] }));
    }

    [Test]
    public void Predict_is_deterministic_and_keeps_batches_in_order()
    {
        var (x, _) = Data(37);
        var model = Small();
        var whole = model.call(x, training: false);
        var batched = model.predict(x, batch_size: 5);
        Assert.That((whole - batched).abs().max().item<float>(), Is.LessThan(1e-6));
    }

    [Test]
    public void Training_loop_keeps_memory_flat()
    {
        var (x, y) = Data(200);
        var model = Small();
        model.fit(x, y, batch_size: 10, epochs: 1, verbose: 0);
        long before = torch.Tensor.TotalCount;
        model.fit(x, y, batch_size: 10, epochs: 3, verbose: 0);
        long after = torch.Tensor.TotalCount;
        Assert.That(after - before, Is.LessThan(20), "tensors alive after 60 more steps");
    }

    [Test]
    public void Class_weight_scales_each_sample_loss()
    {
        // No dropout, one batch: the first epoch's loss is taken before the update, so it is the
        // weighted loss at the initial weights. Weights 1 and 3: class 1 counts three times.
        var (x, y) = Data();
        Sequential make() => new([keras.Input([4]), new Dense(1, activation: "sigmoid", name: "out")]);
        var model = make();
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        var per_sample = keras.losses.get("binary_crossentropy")!.call(y, model.predict(x));
        var w = y.reshape(-1) * 2 + 1;
        double expected = (per_sample * w).mean().item<float>();
        var history = model.fit(x, y, batch_size: 40, epochs: 1, shuffle: false, verbose: 0, class_weight: new Dictionary<int, double> { [0] = 1.0, [1] = 3.0 });
        Assert.That(history.history["loss"][0], Is.EqualTo(expected).Within(1e-5 * expected));
        var missing = make();
        missing.compile(optimizer: new Adam(), loss: "binary_crossentropy");
        Assert.Throws<ArgumentException>(() => missing.fit(x, y, verbose: 0, class_weight: new Dictionary<int, double> { [0] = 1.0 }), "class 1 has no weight");
    }

    [Test]
    public void Fit_accepts_a_Sequence()
    {
        var (x, y) = Data();
        var model = Small();
        var seq = new ArraySequence(x, y, 8);
        var history = model.fit(seq, epochs: 2, verbose: 0);
        Assert.That(history.history["loss"], Has.Count.EqualTo(2));
        // As Keras 3.15.1 on torch (recorded): fit resets the epoch iterator once before the
        // epochs, and each epoch ends the Sequence's epoch; predict ends one, evaluate two.
        Assert.That(seq.epoch_ends, Is.EqualTo(3));
        Assert.That(model.predict(seq).shape, Is.EqualTo(new long[] { 40, 1 }));
        Assert.That(seq.epoch_ends, Is.EqualTo(4));
        Assert.That(model.evaluate(seq, verbose: 0), Has.Length.EqualTo(2));
        Assert.That(seq.epoch_ends, Is.EqualTo(6));
    }

    [Test, NonParallelizable]
    public void Fit_shuffles_the_batch_order_of_a_Sequence_with_python_random()
    {
        // Recorded with Keras 3.15.1 on torch: random.seed(5), then a Dense(1) model (its kernel
        // initializer draws one seed), then fit(seq, epochs=2): the first fit takes one batch to
        // build the compiled metrics, then each epoch takes the batches in random.shuffle's order.
        var (x, y) = Data();
        var seq = new ArraySequence(x, y, 8);
        KerasPort.Utils.PythonRandom.Global.seed(5);
        var model = new Sequential([keras.Input([4]), new Dense(1, activation: "sigmoid")]);
        model.compile(optimizer: new Adam(), loss: "binary_crossentropy", metrics: ["accuracy"]);
        model.fit(seq, epochs: 2, verbose: 0);
        Assert.That(seq.visited, Is.EqualTo(new[] { 1, 4, 0, 2, 1, 3, 3, 2, 4, 0, 1 }));
        // Each batch of an epoch comes with the one fit takes next (for Sequences that prepare ahead).
        Assert.That(seq.next_hints[^10..], Is.EqualTo(new int?[] { 0, 2, 1, 3, null, 2, 4, 0, 1, null }));
    }

    [Test]
    public void Fit_in_order_tells_a_Sequence_that_batch_0_follows_the_epoch_end()
    {
        var (x, y) = Data(24);
        var seq = new ArraySequence(x, y, 8);
        using var model = Small();
        model.fit(seq, epochs: 2, verbose: 0, shuffle: false);
        // Count (3) after the last batch: batch 0 of the next epoch, once on_epoch_end has run.
        Assert.That(seq.next_hints[^6..], Is.EqualTo(new int?[] { 1, 2, 3, 1, 2, 3 }));
    }

    [Test]
    public void Steps_per_epoch_continues_the_pass_across_epochs_as_Keras()
    {
        var (x, y) = Data(40);
        var seq = new ArraySequence(x, y, 4);
        var counter = new BatchCounter(new List<int>());
        Small().fit(seq, epochs: 4, steps_per_epoch: 4, verbose: 0, callbacks: [counter], shuffle: false);
        // 10 batches: the first fit takes batch 0 to build the compiled metrics; then epochs see
        // 0-3, 4-7, 8-9 (the data runs out), then 0-3 of a new pass (recorded from Keras 3.15.1).
        Assert.That(seq.visited, Is.EqualTo(new[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3 }));
        Assert.That(counter.train_batches, Is.EqualTo(14));
        Assert.That(seq.epoch_ends, Is.EqualTo(5));
    }

    private sealed class ArraySequence(Tensor x, Tensor y, int batch) : Sequence
    {
        public int epoch_ends;
        public List<int> visited { get; } = new();
        public List<int?> next_hints { get; } = new();
        public override int Count => (int)((x.shape[0] + batch - 1) / batch);
        internal override Batch get_item(int index, int? next_index)
        {
            next_hints.Add(next_index);
            return this[index];
        }
        public override Batch this[int index] => visit(index, new(x.narrow(0, index * batch, Math.Min(batch, x.shape[0] - index * batch)), y.narrow(0, index * batch, Math.Min(batch, y.shape[0] - index * batch))));
        private Batch visit(int index, Batch b)
        {
            visited.Add(index);
            return b;
        }
        public override void on_epoch_end() => epoch_ends++;
    }
}
