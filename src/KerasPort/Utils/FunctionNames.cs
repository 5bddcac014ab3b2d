namespace KerasPort.Utils;

/// <summary>Python's <c>__name__</c> of a function given as a delegate, for the names Keras derives from it.</summary>
internal static class FunctionNames
{
    /// <summary>The method's name; <c>&lt;lambda&gt;</c> for a lambda (a compiler-generated method), as Python names one.</summary>
    public static string get_object_name(Delegate function) =>
        function.Method.Name.Contains('<') ? "<lambda>" : function.Method.Name;
}
