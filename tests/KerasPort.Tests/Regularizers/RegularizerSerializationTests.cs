using KerasPort.Regularizers;
using KerasPort.Saving;

namespace KerasPort.Tests.Regularizers;

/// <summary>Issue 11, item 11: keras.saving.serialize_keras_object takes regularizers, as Keras's (outputs recorded from Keras 3.15.1).</summary>
public sealed class RegularizerSerializationTests
{
    [Test]
    public void serialize_keras_object_gives_Keras_dictionary_for_regularizers()
    {
        // Keras: {'module': 'keras.regularizers', 'class_name': 'L2', 'config': {'l2': 0.01}, 'registered_name': None}
        Assert.That(KerasJson.dumps(keras.saving.serialize_keras_object(keras.regularizers.l2(0.01))),
            Is.EqualTo("{\"module\": \"keras.regularizers\", \"class_name\": \"L2\", \"config\": {\"l2\": 0.01}, \"registered_name\": null}"));
        Assert.That(KerasJson.dumps(keras.saving.serialize_keras_object(keras.regularizers.l1_l2(l1: 0.1, l2: 0.2))),
            Is.EqualTo("{\"module\": \"keras.regularizers\", \"class_name\": \"L1L2\", \"config\": {\"l1\": 0.1, \"l2\": 0.2}, \"registered_name\": null}"));
    }

    [Test]
    public void A_serialized_regularizer_deserializes_back()
    {
        var back = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(keras.regularizers.l1(0.3)));
        Assert.That(back, Is.InstanceOf<L1>());
        Assert.That(((L1)back!).l1, Is.EqualTo(0.3).Within(1e-7));
    }
}
