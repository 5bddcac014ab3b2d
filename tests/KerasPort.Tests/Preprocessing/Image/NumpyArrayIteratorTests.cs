using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Tests.Preprocessing.Image;

public class NumpyArrayIteratorTests
{
    private static IEnumerable<TestCaseData> FlowCases() => ImageCase.OfKind("flow");

    /// <summary>
    /// Every recorded flow case: n, len, each batch's images (1e-5 of the data's scale), labels and
    /// weights exactly, the index order, total_batches_seen, and recorded errors.
    /// </summary>
    [TestCaseSource(nameof(FlowCases))]
    public void Matches_keras_flow(string name)
    {
        var c = FlowCase.load(name);
        var g = c.generator();
        var args = c.flow_args;
        var x = c.array("x")!;
        var y = c.array("y");
        var w = c.array("sample_weight");
        Func<NumpyArrayIterator> make = () => g.flow(x, y,
            batch_size: args["batch_size"] is { } bs ? (int)bs : 32,
            shuffle: args["shuffle"] is not { } sh || (bool)sh,
            sample_weight: w,
            seed: FlowCase.opt_long(args, "seed"),
            subset: (string?)args["subset"],
            ignore_class_split: args["ignore_class_split"] is { } ic && (bool)ic);
        if (c.error is { batch: null } construction)
        {
            var e = Assert.Throws(Is.InstanceOf<ArgumentException>(), () => make());
            Assert.That(e!.Message, Does.StartWith(construction.message));
            return;
        }
        using var it = make();
        Assert.That(it.n, Is.EqualTo((int)c.json["n"]!));
        Assert.That(it.Count, Is.EqualTo((int)c.json["len"]!));
        for (int k = 0; k < c.num_batches; k++)
        {
            if (c.error is { batch: int at } && at == k)
            {
                Assert.That(() => c.by_next ? it.next() : it[k], Throws.Exception.With.Message.Contains(c.error.Value.message));
                return;
            }
            var batch = c.by_next ? it.next() : it[k];
            var index = c.array($"batch{k}_index")!;
            Assert.That(contains_run(it.index_array!, index.data<long>().Select(i => (int)i).ToArray()), Is.True,
                        $"batch {k}: index order");
            Compare.images(batch.x, c.array($"batch{k}_x")!, $"batch {k} x");
            int outputs = (int)c.json["outputs_per_batch"]!;
            if (outputs >= 2) Compare.exact(batch.y!, c.array($"batch{k}_y")!, $"batch {k} y");
            else Assert.That(batch.y, Is.Null);
            if (outputs == 3) Compare.exact(batch.sample_weight!, c.array($"batch{k}_w")!, $"batch {k} w");
            else Assert.That(batch.sample_weight, Is.Null);
        }
        Assert.That(it.total_batches_seen, Is.EqualTo((long)c.json["total_batches_seen_after"]!));
    }

    private static bool contains_run(int[] all, int[] run)
    {
        for (int s = 0; s + run.Length <= all.Length; s++)
            if (all.AsSpan(s, run.Length).SequenceEqual(run)) return true;
        return run.Length == 0;
    }

    private static Tensor images(int n, int h = 4, int w = 5, int c = 3) =>
        torch.arange(n * h * w * c, dtype: ScalarType.Float32).reshape(n, h, w, c);

    private static Tensor labels(int n) => torch.arange(n, dtype: ScalarType.Int64);

    private static long[] ys(Batch b) => b.y!.data<long>().ToArray();

    [Test]
    public void Count_is_batches_rounded_up_and_next_wraps_epochs_with_a_short_last_batch()
    {
        using var it = new ImageDataGenerator().flow(images(5), labels(5), batch_size: 2, shuffle: false);
        Assert.That(it.Count, Is.EqualTo(3));
        var got = Enumerable.Range(0, 5).Select(_ => ys(it.next())).ToList();
        Assert.That(got, Is.EqualTo(new[] { new long[] { 0, 1 }, [2, 3], [4], [0, 1], [2, 3] }));
        Assert.That(it.total_batches_seen, Is.EqualTo(5));
    }

    [Test]
    public void Indexer_returns_slices_of_one_index_array_and_checks_its_range()
    {
        using var it = new ImageDataGenerator().flow(images(5), labels(5), batch_size: 2, shuffle: false);
        Assert.That(ys(it[2]), Is.EqualTo(new long[] { 4 }));
        Assert.That(ys(it[0]), Is.EqualTo(new long[] { 0, 1 }));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = it[3]);
        Assert.That(e!.Message, Does.Contain("Asked to retrieve element 3, but the Sequence has length 3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = it[-1]);
    }

    [Test]
    public void Seeded_flow_reseeds_each_batch_with_seed_plus_batches_seen_then_permutes()
    {
        const long seed = 42;
        using var it = new ImageDataGenerator().flow(images(7), labels(7), batch_size: 3, seed: seed);
        var b0 = ys(it.next());
        // Keras: np.random.seed(42 + 0); index_array = np.random.permutation(7).
        var reference = new RandomState(seed).permutation(7);
        Assert.That(b0, Is.EqualTo(reference.Take(3).Select(i => (long)i)));
        Assert.That(ys(it.next()), Is.EqualTo(reference.Skip(3).Take(3).Select(i => (long)i)));
        Assert.That(ys(it.next()), Is.EqualTo(reference.Skip(6).Select(i => (long)i)));
        // New epoch: seed(42 + 3), a fresh permutation.
        var second = new RandomState(seed + 3).permutation(7);
        Assert.That(ys(it.next()), Is.EqualTo(second.Take(3).Select(i => (long)i)));
    }

    [Test]
    public void On_epoch_end_and_reset_start_a_new_order()
    {
        using var it = new ImageDataGenerator().flow(images(6), labels(6), batch_size: 2, seed: 3);
        var first = ys(it[0]);
        Assert.That(ys(it[0]), Is.EqualTo(first), "the indexer keeps its index array");
        it.on_epoch_end();
        Assert.That(it.index_array, Is.EquivalentTo(Enumerable.Range(0, 6)));
        it.next();
        Assert.That(it.batch_index, Is.EqualTo(1));
        it.reset();
        Assert.That(it.batch_index, Is.EqualTo(0));
    }

    [Test]
    public void Foreach_loops_past_the_end_of_an_epoch()
    {
        using var it = new ImageDataGenerator().flow(images(3), labels(3), batch_size: 2, shuffle: false);
        int seen = 0;
        foreach (var (bx, by) in it)
        {
            Assert.That(bx.shape[0], Is.EqualTo(by!.shape[0]));
            if (++seen == 7) break;
        }
        Assert.That(it.total_batches_seen, Is.EqualTo(7));
    }

    [Test]
    public void Batches_without_labels_hold_only_x_and_with_weights_hold_three_parts()
    {
        var x = images(4);
        using var plain = new ImageDataGenerator().flow(x, shuffle: false, batch_size: 4);
        var b = plain.next();
        Assert.That(b.y, Is.Null);
        Assert.That(b.sample_weight, Is.Null);
        Assert.That(b.x.eq(x).all().item<bool>(), Is.True);
        var weights = torch.tensor(new double[] { 0.5, 1, 2, 4 });
        using var weighted = new ImageDataGenerator().flow(x, labels(4), shuffle: false, batch_size: 3, sample_weight: weights);
        var (bx, by, bw) = weighted.next();
        Assert.That(bw!.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(bw.data<double>().ToArray(), Is.EqualTo(new[] { 0.5, 1, 2 }));
        Assert.That(by!.dtype, Is.EqualTo(ScalarType.Int64));
        Assert.That(bx.dtype, Is.EqualTo(ScalarType.Float32));
    }

    [Test]
    public void Concurrent_next_calls_hand_out_every_batch_once()
    {
        const int n = 64;
        using var it = new ImageDataGenerator().flow(images(n, 2, 2, 1), labels(n), batch_size: 1, shuffle: false);
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 4, _ => { for (int i = 0; i < n / 4; i++) seen.Add(ys(it.next())[0]); });
        Assert.That(seen.Order(), Is.EqualTo(Enumerable.Range(0, n).Select(i => (long)i)));
    }

    [Test]
    public void Rejects_bad_arrays_and_arguments_as_keras_does()
    {
        var g = new ImageDataGenerator();
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow(images(4), labels(3)))!.Message,
                    Does.StartWith("`x` (images tensor) and `y` (labels) should have the same length. Found: x.shape = (4, 4, 5, 3), y.shape = (3,)"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow(images(4), labels(4), sample_weight: torch.ones(2)))!.Message,
                    Does.StartWith("`x` (images tensor) and `sample_weight` should have the same length."));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow(torch.zeros(4, 5, 3)))!.Message,
                    Does.StartWith("Input data in `NumpyArrayIterator` should have rank 4. You passed an array with shape (4, 5, 3)"));
        Assert.That(Assert.Throws<ArgumentException>(() => g.flow(images(4), subset: "test"))!.Message,
                    Does.StartWith("Invalid subset name: test"));
        foreach (string subset in new[] { "training", "validation" })
            Assert.That(Assert.Throws<ArgumentException>(() => g.flow(images(4), subset: subset))!.Message,
                        Does.Contain("requires the ImageDataGenerator's validation_split").And.Contain("validation_split=0"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => g.flow(images(4), batch_size: 0))!.ParamName,
                    Is.EqualTo("batch_size"));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.flow(images(4), seed: -1));
    }

    // What Keras draws for one batch of an unaugmented generator: the two flip draws per image
    // (always taken), then with save_to_dir one np.random.randint(1e4) per image.
    private static List<string> replay_batch(RandomState rs, int[] index, string? prefix)
    {
        foreach (var _ in index) { rs.random(); rs.random(); }
        return prefix is null ? [] : index.Select(j => $"{prefix}_{j}_{rs.randint(10_000)}.png").ToList();
    }

    [Test]
    public void Prefetched_batches_leave_the_global_random_state_exactly_as_keras()
    {
        const int n = 7, bs = 3;
        using var it = new ImageDataGenerator().flow(images(n), labels(n), batch_size: bs);
        RandomState.Global.seed(11);
        var rs = new RandomState(11);
        int[] order = [];
        for (int k = 0; k < 6; k++)
        {
            if (k % 3 == 0) order = rs.permutation(n);
            int start = k % 3 * bs;
            var expected = order[start..Math.Min(start + bs, n)];
            replay_batch(rs, expected, null);
            Assert.That(ys(it.next()), Is.EqualTo(expected.Select(i => (long)i)), $"batch {k}");
            Assert.That(RandomState.Global.get_state().key, Is.EqualTo(rs.get_state().key), $"state after batch {k}");
            Assert.That(RandomState.Global.get_state().pos, Is.EqualTo(rs.get_state().pos), $"position after batch {k}");
            if (k == 3)
            {
                // Someone else draws between two batches: the batch drawn ahead is not used.
                RandomState.Global.random();
                rs.random();
            }
        }
        Assert.That(it.lookahead_hits, Is.EqualTo(4), "batches 1, 2, 3 and 5 came from the draw-ahead");
    }

    [Test]
    public void Indexer_in_fit_order_prepares_ahead_without_changing_results()
    {
        const int n = 7, bs = 3;
        using var it = new ImageDataGenerator().flow(images(n), labels(n), batch_size: bs);
        RandomState.Global.seed(5);
        var rs = new RandomState(5);
        var order = rs.permutation(n);   // built by the first it[0]
        for (int epoch = 0; epoch < 2; epoch++)
        {
            for (int i = 0; i < it.Count; i++)
            {
                var expected = order[(i * bs)..Math.Min(i * bs + bs, n)];
                replay_batch(rs, expected, null);
                Assert.That(ys(it[i]), Is.EqualTo(expected.Select(j => (long)j)), $"epoch {epoch} batch {i}");
                Assert.That(RandomState.Global.get_state().key, Is.EqualTo(rs.get_state().key));
            }
            it.on_epoch_end();
            order = rs.permutation(n);
        }
        Assert.That(it.lookahead_hits, Is.EqualTo(5), "batches 1 and 2 of each epoch, and batch 0 after the epoch end, came from the draw-ahead");
    }

    [Test]
    public void A_batch_belongs_to_the_dispose_scope_it_is_taken_in_even_when_prepared_ahead()
    {
        // fit takes each batch inside its step's scope: the step's end frees it, prepared or not.
        var g = new ImageDataGenerator(rotation_range: 30);
        using var it = g.flow(images(9), labels(9), batch_size: 3, seed: 2);
        var taken = new List<Tensor>();
        for (int k = 0; k < 4; k++)
        {
            using var scope = torch.NewDisposeScope();
            taken.Add(it.next().x);
        }
        Assert.That(it.lookahead_hits, Is.GreaterThan(0), "some batches came prepared");
        Assert.That(taken.Select(t => t.IsInvalid), Is.All.True, "every batch was freed with its scope");
    }

    [Test]
    public void A_stream_of_disposed_batches_runs_on_the_same_memory()
    {
        // Batches live on recycled host memory (RecycledHostTensors): once the first few are made,
        // a loop that disposes each batch allocates nothing more, through next() and through it[i]
        // (each on images of its own size: a batch prepared ahead and dropped is freed later).
        var g = new ImageDataGenerator(rotation_range: 30, rescale: 1.0 / 255);
        foreach (bool indexer in new[] { false, true })
        {
            long before = KerasPort.Backend.RecycledHostTensors.allocations;
            using var it = g.flow(images(12, 33, indexer ? 29 : 31), labels(12), batch_size: 4, seed: 1);
            void epoch()
            {
                for (int i = 0; i < it.Count; i++) (indexer ? it[i] : it.next()).x.Dispose();
                if (indexer) it.on_epoch_end();
            }
            epoch();
            long allocated = KerasPort.Backend.RecycledHostTensors.allocations;
            Assert.That(allocated - before, Is.InRange(2, KerasPort.Backend.RecycledHostTensors.kept_per_size),
                "the batch handed out and the one prepared ahead, from the pool");
            for (int e = 0; e < 4; e++) epoch();
            Assert.That(KerasPort.Backend.RecycledHostTensors.allocations, Is.EqualTo(allocated), indexer ? "it[i]" : "next()");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_batch_drawn_ahead_across_the_epoch_end_is_used_only_when_nothing_came_between(bool seeded)
    {
        // it[last] prepares batch 0 of the epoch that on_epoch_end starts, with that epoch's
        // permutation; a draw in between, or it[0] without on_epoch_end, makes Keras's own batch.
        const int n = 7, bs = 3;
        var g = new ImageDataGenerator(rotation_range: 30, brightness_range: [0.5, 1.5]);
        var x = images(n);
        // Three epochs of it[0], it[1], it[2], each followed by `between`, then it[1]; with
        // drop_ahead, every batch prepared ahead is thrown away first (reset): Keras's own batches.
        (byte[][] batches, uint[] state, long hits) run(Action<Iterator> between, bool drop_ahead)
        {
            RandomState.Global.seed(3);
            using var it = g.flow(x, labels(n), batch_size: bs, seed: seeded ? 4 : null);
            var batches = new List<byte[]>();
            void take(int i)
            {
                if (drop_ahead) it.reset();
                batches.Add(it[i].x.bytes.ToArray());
            }
            for (int epoch = 0; epoch < 3; epoch++)
            {
                for (int i = 0; i < it.Count; i++) take(i);
                if (drop_ahead) it.reset();
                between(it);
            }
            take(1);
            return ([.. batches], RandomState.Global.get_state().key, it.lookahead_hits);
        }
        var cases = new (string name, Action<Iterator> between, long hits)[]
        {
            ("on_epoch_end", it => it.on_epoch_end(), 2 + 3 + 3),
            ("a draw, then on_epoch_end", it => { RandomState.Global.random(); it.on_epoch_end(); }, 2 * 3),
            ("no on_epoch_end", _ => { }, 2 * 3),
        };
        foreach (var (name, between, expected_hits) in cases)
        {
            var keras = run(between, drop_ahead: true);
            var ours = run(between, drop_ahead: false);
            Assert.That(keras.hits, Is.EqualTo(0), name);
            Assert.That(ours.hits, Is.EqualTo(expected_hits), name);
            Assert.That(ours.state, Is.EqualTo(keras.state), $"{name}: the global random state at the end");
            for (int k = 0; k < ours.batches.Length; k++)
                Assert.That(ours.batches[k], Is.EqualTo(keras.batches[k]), $"{name}: batch {k}");
        }
    }

    [Test]
    public void Shuffled_fit_order_with_its_next_index_prepares_the_right_batch()
    {
        // fit with shuffle takes the batches of an epoch in an order of its own and says which comes next.
        const int n = 11, bs = 2;
        var g = new ImageDataGenerator(rotation_range: 30, brightness_range: [0.5, 1.5]);
        int[] fit_order = [3, 0, 5, 1, 4, 2];
        Tensor[] run(bool hinted, out long hits)
        {
            using var it = g.flow(images(n), labels(n), batch_size: bs, seed: 9);
            var batches = fit_order.Select((b, k) => hinted
                ? it.get_item(b, k + 1 < fit_order.Length ? fit_order[k + 1] : null).x
                : it[b].x).ToArray();
            hits = it.lookahead_hits;
            return batches;
        }
        var plain = run(hinted: false, out long plain_hits);
        var hinted = run(hinted: true, out long hinted_hits);
        Assert.That(plain_hits, Is.EqualTo(0), "idx + 1 is never the batch fit takes next here");
        Assert.That(hinted_hits, Is.EqualTo(fit_order.Length - 1));
        for (int k = 0; k < fit_order.Length; k++)
            Assert.That(hinted[k].bytes.ToArray(), Is.EqualTo(plain[k].bytes.ToArray()), $"batch {fit_order[k]}");
    }

    [Test]
    public void Save_to_dir_writes_each_batch_when_handed_out_with_keras_names()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kp-save-" + Guid.NewGuid());
        try
        {
            const long seed = 5;
            using var it = new ImageDataGenerator().flow(images(5), labels(5), batch_size: 2, seed: seed,
                                                         save_to_dir: dir, save_prefix: "img");
            it.next();
            it.next();
            var expected = new List<string>();
            for (int k = 0; k < 2; k++)
            {
                var rs = new RandomState(seed + k);
                var order = new RandomState(seed).permutation(5);
                if (k == 0) rs.permutation(5);
                expected.AddRange(replay_batch(rs, order[(2 * k)..(2 * k + 2)], "img"));
            }
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();
            Assert.That(files, Is.EqualTo(expected.Order().ToList()), "two batches handed out, two batches saved");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    private static ImageDataGenerator article(Func<Tensor, Tensor>? preprocessing_function = null) =>
        new(rotation_range: 40, width_shift_range: 0.2, height_shift_range: 0.2, brightness_range: [0.5, 1.5],
            rescale: 1.0 / 255, shear_range: 0.2, zoom_range: 0.4, horizontal_flip: true, fill_mode: "nearest",
            preprocessing_function: preprocessing_function);

    // Keras's loop, one image after the other, through the generator's public steps.
    private static Tensor[] keras_next_loop(ImageDataGenerator g, Tensor x, int batch_size, long seed, int batches)
    {
        var rs = RandomState.Global;
        int n = (int)x.shape[0], batch_index = 0;
        long seen = 0;
        int[] order = [];
        var result = new Tensor[batches];
        for (int k = 0; k < batches; k++)
        {
            rs.seed(seed + seen);
            if (batch_index == 0) order = rs.permutation(n);
            int current = batch_index * batch_size % n;
            batch_index = n > current + batch_size ? batch_index + 1 : 0;
            seen++;
            result[k] = torch.stack(order[current..Math.Min(current + batch_size, n)].Select(j =>
                g.standardize(g.apply_transform(x[j].clone(), g.get_random_transform(x.shape[1..])))));
        }
        return result;
    }

    [TestCase(0L)]
    [TestCase(1L)]
    [TestCase(7L)]
    [TestCase(2024L)]
    public void Parallel_batches_equal_the_serial_keras_loop_bit_for_bit(long seed)
    {
        var x = torch.rand(7, 16, 12, 3, generator: torch.manual_seed(seed)) * 255;
        var expected = keras_next_loop(article(), x, 3, seed, 5);
        using var parallel = article().flow(x, batch_size: 3, seed: seed);
        // An identity preprocessing_function makes the iterator run every image serially.
        using var serial = article(t => t).flow(x, batch_size: 3, seed: seed);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.That(parallel.next().x.eq(expected[k]).all().item<bool>(), Is.True, $"parallel batch {k}");
            Assert.That(serial.next().x.eq(expected[k]).all().item<bool>(), Is.True, $"serial batch {k}");
        }
        Assert.That(parallel.lookahead_hits, Is.EqualTo(4));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void The_caller_computes_its_batches_first_even_with_every_worker_busy(bool indexer)
    {
        // The batch drawn in a call is queued before the one drawn ahead, and the caller computes
        // whatever of its own batch no worker took: with every worker held, batches still come, in
        // Keras's values.
        var x = torch.rand(7, 16, 12, 3, generator: torch.manual_seed(4)) * 255;
        Tensor[] take(Iterator it) => [.. Enumerable.Range(0, 3).Select(i => (indexer ? it[i] : it.next()).x)];
        // An identity preprocessing_function makes the iterator run every image serially, in the caller.
        using var serial = article(t => t).flow(x, batch_size: 3, seed: 4);
        var expected = take(serial);
        using var it = article().flow(x, batch_size: 3, seed: 4);
        using var held = new HeldWorkers();
        var batches = Task.Run(() => take(it));
        Assert.That(batches.Wait(TimeSpan.FromSeconds(30)), Is.True, "the caller computed the batches itself");
        for (int k = 0; k < 3; k++)
            Assert.That(batches.Result[k].eq(expected[k]).all().item<bool>(), Is.True, $"batch {k}");
        Assert.That(it.lookahead_hits, Is.EqualTo(2), "batches 1 and 2 were drawn ahead, and finished by the caller");
    }

    [Test]
    public void The_articles_loop_saves_the_26_images_it_took_under_keras_names()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kp-article-" + Guid.NewGuid());
        try
        {
            var x = (torch.rand(1, 24, 20, 3, generator: torch.manual_seed(3)) * 255).floor();
            var datagen = article();
            RandomState.Global.seed(99);
            int i = 0;
            foreach (var batch in datagen.flow(x, batch_size: 1, save_to_dir: dir, save_prefix: "img", save_format: "jpeg"))
            {
                i += 1;
                if (i > 25) break;
            }
            // Keras's draws for those 26 batches: the transform of the one image, then the name's hash.
            RandomState.Global.seed(99);
            var expected = new HashSet<string>();
            for (int k = 0; k < 26; k++)
            {
                datagen.get_random_transform([24, 20, 3]);
                expected.Add($"img_0_{RandomState.Global.randint(10_000)}.jpeg");
            }
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).ToHashSet();
            Assert.That(files, Is.EquivalentTo(expected));
            var saved = KerasPort.Imaging.Image.open(Path.Combine(dir, expected.First()));
            Assert.That(saved.size, Is.EqualTo((20, 24)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Test]
    public void A_split_that_separates_the_labels_is_refused_unless_ignored()
    {
        var g = new ImageDataGenerator(validation_split: 0.5);
        var sorted = torch.tensor(new long[] { 0, 0, 0, 1, 1, 1 });
        var e = Assert.Throws<ArgumentException>(() => g.flow(images(6), sorted, subset: "training"));
        Assert.That(e!.Message, Does.StartWith("Training and validation subsets have different number of classes after the split."));
        using var training = g.flow(images(6), sorted, subset: "training", ignore_class_split: true, shuffle: false, batch_size: 6);
        Assert.That(ys(training.next()), Is.EqualTo(new long[] { 1, 1, 1 }));
        using var validation = g.flow(images(6), sorted, subset: "validation", ignore_class_split: true, shuffle: false, batch_size: 6);
        Assert.That(ys(validation.next()), Is.EqualTo(new long[] { 0, 0, 0 }));
        // As in Keras, without a validation_split the "validation" side is empty, so labels differ.
        Assert.Throws<ArgumentException>(() => new ImageDataGenerator().flow(images(6), sorted, subset: "training"));
    }

    [Test]
    public void Batches_take_the_generators_dtype_and_warn_on_odd_channel_counts()
    {
        using var it = new ImageDataGenerator(dtype: "float64").flow(images(2), labels(2));
        Assert.That(it.next().x.dtype, Is.EqualTo(ScalarType.Float64));
        using var warnings = CapturedWarnings.of_image_data_generator();
        using var two_channels = new ImageDataGenerator().flow(images(2, 4, 5, 2));
        Assert.That(warnings.text, Does.Contain("NumpyArrayIterator is set to use the data format convention \"channels_last\" " +
                                                      "(channels on axis 3), i.e. expected either 1, 3, or 4 channels on axis 3. " +
                                                      "However, it was passed an array with shape (2, 4, 5, 2) (2 channels)."));
    }
}
