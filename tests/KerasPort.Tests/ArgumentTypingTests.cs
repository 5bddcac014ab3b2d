using System.Reflection;
using KerasPort.Layers;
using KerasPort.Models;

namespace KerasPort.Tests;

/// <summary>
/// Keras's identifier arguments (activation, initializers, regularizers, constraints, optimizer, loss, metrics,
/// loss weights) are typed in every public signature, so a value Keras would refuse does not
/// compile: none is <c>object</c>, nor a container of <c>object</c>.
/// </summary>
public sealed class ArgumentTypingTests
{
    private static readonly System.Text.RegularExpressions.Regex IdentifierArgument =
        new("^(activation|[a-z_]*initializer|[a-z_]*regularizer|[a-z_]*constraint|optimizer|loss|metrics|loss_weights|weighted_metrics)$");

    private static bool is_untyped(Type type) =>
        type == typeof(object) || (type.IsGenericType && type.GetGenericArguments().Any(is_untyped)) || (type.IsArray && is_untyped(type.GetElementType()!));

    [Test]
    public void No_public_identifier_argument_is_an_object()
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var checked_parameters = new List<string>();
        var untyped = new List<string>();
        foreach (var type in typeof(Layer).Assembly.GetExportedTypes())
        {
            var members = type.GetConstructors(visible).Cast<MethodBase>().Concat(type.GetMethods(visible))
                .Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);
            foreach (var member in members)
                foreach (var parameter in member.GetParameters().Where(p => IdentifierArgument.IsMatch(p.Name ?? "")))
                {
                    string where = $"{type.Name}.{member.Name}({parameter.Name})";
                    checked_parameters.Add(where);
                    if (is_untyped(parameter.ParameterType)) untyped.Add($"{where}: {parameter.ParameterType}");
                }
        }
        Assert.That(untyped, Is.Empty);
        // The check reached the signatures it is about.
        Assert.That(checked_parameters, Does.Contain("Dense..ctor(activation)").And.Contain("Conv2D..ctor(kernel_initializer)")
            .And.Contain("BatchNormalization..ctor(gamma_regularizer)").And.Contain("Dense..ctor(kernel_constraint)").And.Contain("Layer..ctor(activity_regularizer)")
            .And.Contain($"{nameof(Model)}.compile(optimizer)").And.Contain("Model.compile(loss)").And.Contain("Model.compile(weighted_metrics)"));
    }
}
