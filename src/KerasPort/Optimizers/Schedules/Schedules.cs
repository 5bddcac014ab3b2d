using KerasPort.Optimizers.Schedules;

namespace KerasPort;

public static partial class keras
{
    public static partial class optimizers
    {
        /// <summary>Keras's <c>keras.optimizers.schedules</c>: <see cref="serialize"/> and <see cref="deserialize"/>.</summary>
        public static class schedules
        {
            /// <summary>
            /// <c>{"module": "keras.optimizers.schedules", "class_name": ..., "config": ..., "registered_name": null}</c>,
            /// as Keras's <c>serialize</c> writes a schedule into an optimizer's config.
            /// </summary>
            public static IDictionary<string, object?> serialize(LearningRateSchedule learning_rate_schedule) => new Dictionary<string, object?>
            {
                ["module"] = "keras.optimizers.schedules",
                ["class_name"] = learning_rate_schedule.GetType().Name,
                ["config"] = learning_rate_schedule.get_config(),
                ["registered_name"] = null,
            };

            /// <summary>The built-in schedule that <paramref name="config"/> (as <see cref="serialize"/> writes it) describes.</summary>
            public static LearningRateSchedule deserialize(IDictionary<string, object?> config)
            {
                string? class_name = config.TryGetValue("class_name", out var c) ? c as string : null;
                var inner = config.TryGetValue("config", out var i) && i is IDictionary<string, object?> d ? d : new Dictionary<string, object?>();
                return class_name switch
                {
                    nameof(ExponentialDecay) => ExponentialDecay.from_config(inner),
                    nameof(InverseTimeDecay) => InverseTimeDecay.from_config(inner),
                    nameof(PiecewiseConstantDecay) => PiecewiseConstantDecay.from_config(inner),
                    nameof(PolynomialDecay) => PolynomialDecay.from_config(inner),
                    nameof(CosineDecay) => CosineDecay.from_config(inner),
                    nameof(CosineDecayRestarts) => CosineDecayRestarts.from_config(inner),
                    _ => throw new ArgumentException($"Could not interpret learning rate schedule: class_name={class_name ?? "None"}. Expected one of ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay, CosineDecay, CosineDecayRestarts.", nameof(config)),
                };
            }
        }
    }
}
