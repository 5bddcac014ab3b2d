using System.Collections.Concurrent;
using System.Reflection;

namespace KerasPort.Layers;

public abstract partial class Layer
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> _layer_fields = new();

    /// <summary>
    /// The layers this layer holds (Keras's tracked <c>_layers</c>): a model's layers, or, for a
    /// subclass, the fields (and properties' fields) that hold a layer or a collection of layers,
    /// in declaration order, base class first, as Keras tracks the attributes a subclass sets.
    /// </summary>
    internal virtual IReadOnlyList<Layer> tracked_layers
    {
        get
        {
            var fields = _layer_fields.GetOrAdd(GetType(), layer_fields_of);
            if (fields.Length == 0) return [];
            var result = new List<Layer>();
            foreach (var info in fields)
            {
                switch (info.GetValue(this))
                {
                    case Layer layer when !ReferenceEquals(layer, this):
                        result.Add(layer);
                        break;
                    case IEnumerable<Layer> many:
                        result.AddRange(many.Where(l => l is not null && !ReferenceEquals(l, this)));
                        break;
                }
            }
            return result.Distinct().ToList();
        }
    }

    /// <summary>The instance fields of <paramref name="type"/> and its bases that can hold layers; none of KerasPort's own base classes.</summary>
    private static FieldInfo[] layer_fields_of(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(Layer) && t.Assembly != typeof(Layer).Assembly; t = t.BaseType) chain.Add(t);
        chain.Reverse();
        return chain
            .SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).OrderBy(f => f.MetadataToken))
            .Where(f => typeof(Layer).IsAssignableFrom(f.FieldType) || typeof(IEnumerable<Layer>).IsAssignableFrom(f.FieldType))
            .ToArray();
    }

    /// <summary>This layer (with <paramref name="include_self"/>) and every layer under it, depth first, each once.</summary>
    internal List<Layer> flatten_layers(bool include_self)
    {
        var result = new List<Layer>();
        var seen = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        void visit(Layer layer)
        {
            if (!seen.Add(layer)) return;
            result.Add(layer);
            foreach (var child in layer.tracked_layers) visit(child);
        }
        if (include_self) visit(this);
        else
        {
            seen.Add(this);
            foreach (var child in tracked_layers) visit(child);
        }
        return result;
    }
}
