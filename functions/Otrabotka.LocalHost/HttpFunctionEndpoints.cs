using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Otrabotka.LocalHost;

/// <summary>
/// Maps every HTTP function of the Functions app to an ASP.NET Core endpoint that calls the same
/// method on an instance built from the same services: the request, route values and the request's
/// cancellation token are what both hosts supply.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static IReadOnlyList<HttpFunction> Map(WebApplication app, string routePrefix)
    {
        var functions = FunctionCatalog.HttpFunctions();
        foreach (var function in functions)
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix, function.Route }.Where(s => s.Length > 0));
            var invoke = Compile(function);
            app.MapMethods(pattern, function.Methods.Select(m => m.ToUpperInvariant()), invoke).WithName(function.Name);
        }

        return functions;
    }

    private static RequestDelegate Compile(HttpFunction function)
    {
        var parameters = function.Method.GetParameters();
        foreach (var p in parameters)
        {
            if (p.ParameterType != typeof(HttpRequest) && p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(string))
            {
                throw new InvalidOperationException($"Function {function.Name}: parameter '{p.Name}' of type {p.ParameterType.Name} is not supplied by the local host.");
            }
        }

        return async context =>
        {
            var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, function.Type);
            var args = parameters.Select(p => Bind(p, context)).ToArray();
            IActionResult result;
            try
            {
                result = await InvokeAsync(function, instance, args);
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                // As the worker middleware does in Azure: problem details, never the exception's text.
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Otrabotka.LocalHost.Http")
                    .LogError("HTTP function {Function} failed with {ExceptionType}", function.Name, exception.GetType().Name);
                result = Otrabotka.Functions.Http.UnhandledFailures.Result(context.Request, exception);
            }

            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        };
    }

    private static async Task<IActionResult> InvokeAsync(HttpFunction function, object? instance, object?[] args)
    {
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        return returned switch
        {
            Task<IActionResult> task => await task,
            IActionResult direct => direct,
            _ => throw new InvalidOperationException($"Function {function.Name} must return IActionResult or Task<IActionResult>."),
        };
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.RequestAborted;
        }

        return context.GetRouteValue(parameter.Name!)?.ToString();
    }
}
