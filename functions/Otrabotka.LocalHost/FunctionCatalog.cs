using System.Reflection;
using FW = Microsoft.Azure.Functions.Worker;

namespace Otrabotka.LocalHost;

/// <summary>One function as a host declares it: what triggers it, and where (path, queue, route + methods, schedule).</summary>
public sealed record FunctionEntry(string Name, string TriggerType, string Detail);

/// <summary>An HTTP function of the Functions app, found by its attributes, as the local host maps it.</summary>
internal sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, Type Type, MethodInfo Method)
{
    public FunctionEntry Entry => new(Name, "httpTrigger", $"{string.Join(",", Methods)} {Route}");
}

/// <summary>Finds the Functions app's functions by the same attributes the Worker SDK reads.</summary>
internal static class FunctionCatalog
{
    public static readonly Assembly FunctionsAssembly = typeof(Otrabotka.Functions.Composition.OtrabotkaServices).Assembly;

    public static IEnumerable<(Type Type, MethodInfo Method, FW.FunctionAttribute Function)> Functions() =>
        from type in FunctionsAssembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FW.FunctionAttribute>()
        where function is not null
        select (type, method, function);

    public static IReadOnlyList<HttpFunction> HttpFunctions() =>
        (from f in Functions()
         let trigger = f.Method.GetParameters().Select(p => p.GetCustomAttribute<FW.HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
         where trigger is not null
         select new HttpFunction(
             f.Function.Name,
             trigger.Route ?? f.Function.Name,
             (trigger.Methods ?? ["get", "post"]).Select(m => m.ToLowerInvariant()).ToArray(),
             f.Type,
             f.Method)).ToList();
}
