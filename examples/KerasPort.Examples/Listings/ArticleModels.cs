using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Examples.Listings;

/// <summary>Listings 3 and 4: the article's Sonar network with Dropout, and with L1/L2 as well.</summary>
public static class ArticleModels
{
    /// <summary>Listing 3: Dense 60 relu, Dropout 0.2, Dense 30 relu, Dropout 0.2, Dense 1 sigmoid.</summary>
    public static Sequential create_dropout_model()
    {
        var model = new Sequential();
        model.add(new Dense(60, input_shape: [60], activation: "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(30, activation: "relu"));
        model.add(new Dropout(0.2));
        model.add(new Dense(1, activation: "sigmoid"));
        return model;
    }

    /// <summary>Listing 4: the same network with l1(0.01) and l2(0.001) kernel regularizers.</summary>
    public static Sequential create_model()
    {
        var model = new Sequential();
        model.add(new Dense(60, input_shape: [60], activation: "relu",
                            kernel_regularizer: keras.regularizers.l1(0.01)));
        model.add(new Dropout(0.2));
        model.add(new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)));
        model.add(new Dropout(0.2));
        model.add(new Dense(1, activation: "sigmoid"));
        return model;
    }

    /// <summary>Builds, compiles and summarises one of the two models, as the listings do.</summary>
    public static Sequential compile_and_summarize(Sequential model)
    {
        var adam = new Adam();
        // The article calls model.compile before the model exists; it is compiled once built.
        model.compile(loss: "binary_crossentropy", optimizer: adam, metrics: ["accuracy"]);
        model.summary();
        return model;
    }
}
