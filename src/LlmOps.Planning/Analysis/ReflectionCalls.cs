using Mono.Cecil;

namespace LlmOps.Planning;

/// <summary>
/// Calls after which the analysis no longer knows what code runs: reflection that invokes or creates, types and
/// assemblies loaded by name, <c>dynamic</c>, emitted or compiled code. Reflection that only looks (typeof, GetField, the
/// expression trees of <c>UsesParameters(() =&gt; Epochs)</c>, which are built from metadata tokens) is followed.
/// </summary>
internal static class ReflectionCalls
{
    private static readonly string[] Namespaces = ["System.Reflection.Emit", "Microsoft.CSharp.RuntimeBinder"];

    private static readonly Dictionary<string, string[]?> Methods = new(StringComparer.Ordinal)
    {
        ["System.Activator"] = null,
        ["System.Runtime.CompilerServices.CallSite"] = null,
        ["System.Runtime.CompilerServices.CallSite`1"] = null,
        ["System.Reflection.DispatchProxy"] = null,
        ["System.Type"] = ["InvokeMember", "GetType", "GetTypeFromProgID", "GetTypeFromCLSID"],
        ["System.Reflection.MethodBase"] = ["Invoke"],
        ["System.Reflection.MethodInfo"] = ["Invoke", "CreateDelegate"],
        ["System.Reflection.ConstructorInfo"] = ["Invoke"],
        ["System.Reflection.PropertyInfo"] = ["GetValue", "SetValue"],
        ["System.Reflection.FieldInfo"] = ["GetValue", "SetValue", "GetValueDirect", "SetValueDirect"],
        ["System.Reflection.Assembly"] = ["Load", "LoadFrom", "LoadFile", "UnsafeLoadFrom", "CreateInstance", "GetType"],
        ["System.Delegate"] = ["CreateDelegate", "DynamicInvoke"],
        ["System.MulticastDelegate"] = ["DynamicInvoke"],
        ["System.Runtime.Loader.AssemblyLoadContext"] = ["LoadFromAssemblyPath", "LoadFromStream", "LoadFromAssemblyName", "LoadFromNativeImagePath"],
        ["System.AppDomain"] = ["CreateInstance", "CreateInstanceAndUnwrap", "CreateInstanceFrom", "CreateInstanceFromAndUnwrap", "ExecuteAssembly", "ExecuteAssemblyByName", "Load"],
        ["System.Runtime.InteropServices.Marshal"] = ["GetDelegateForFunctionPointer"],

        // Trees the compiler builds name their members by token and are followed; a tree built by hand may name them
        // by string, and compiling it makes code of data.
        ["System.Linq.Expressions.LambdaExpression"] = ["Compile"],
        ["System.Linq.Expressions.Expression`1"] = ["Compile"],
    };

    /// <summary>"reflection call" or "dynamic call" when <paramref name="method"/> runs code the analysis cannot see, else null.</summary>
    public static string? Kind(MethodReference method)
    {
        var type = method.DeclaringType.GetElementType();
        var outer = type;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        if (Namespaces.Any(n => outer.Namespace.StartsWith(n, StringComparison.Ordinal)) || type.FullName.StartsWith("System.Runtime.CompilerServices.CallSite", StringComparison.Ordinal))
        {
            return outer.Namespace.StartsWith("Microsoft.CSharp", StringComparison.Ordinal) || type.Name.StartsWith("CallSite", StringComparison.Ordinal) ? "dynamic call" : "reflection call";
        }

        if (!Methods.TryGetValue(type.FullName, out var names))
        {
            return null;
        }

        // Type.GetType(string) loads a type by name; object.GetType() on an instance only looks.
        var matches = names is null || (names.Contains(method.Name, StringComparer.Ordinal) && !(method.Name == "GetType" && method.Parameters.Count == 0));
        return matches ? "reflection call" : null;
    }
}
