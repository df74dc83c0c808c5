using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>One HTTP function as the document sees it: its trigger's route and methods, and the contract declared beside the trigger.</summary>
public sealed record ApiOperation(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)
{
    public ApiOperationAttribute? Operation => Method.GetCustomAttribute<ApiOperationAttribute>();

    public ApiRequestAttribute? Request => Method.GetCustomAttribute<ApiRequestAttribute>();

    public ApiQueryAttribute? Query => Method.GetCustomAttribute<ApiQueryAttribute>();

    public IReadOnlyList<ApiResponseAttribute> Responses => Method.GetCustomAttributes<ApiResponseAttribute>().OrderBy(r => r.Status).ToList();

    public IReadOnlyList<ApiHeaderAttribute> Headers => Method.GetCustomAttributes<ApiHeaderAttribute>().ToList();

    /// <summary>Every problem status the operation can answer: its use case's, and the shared edge's from access and body.</summary>
    public IReadOnlyList<int> ProblemStatuses
    {
        get
        {
            var statuses = new SortedSet<int>(Method.GetCustomAttribute<ApiProblemAttribute>()?.Statuses ?? []);
            switch (Operation?.Access)
            {
                case ApiAccess.Graduate:
                    statuses.UnionWith([401, 403, 404]);
                    break;
                case ApiAccess.Operator or ApiAccess.Supervisor:
                    statuses.UnionWith([401, 403]);
                    break;
            }

            if (Request?.ContentType is MediaTypes.Json or MediaTypes.Multipart)
            {
                statuses.UnionWith([400, 413, 415]);
            }
            else if (Request?.ContentType is MediaTypes.Csv)
            {
                statuses.Add(415);
            }

            // Every operation that reads or writes storage can find it unreachable (UnhandledFailures); the
            // health report declares its own 503 body.
            if (!Responses.Any(r => r.Status == 503))
            {
                statuses.Add(503);
            }

            return statuses.ToList();
        }
    }

    /// <summary>The app's HTTP functions, found by their [Function] and [HttpTrigger] attributes.</summary>
    public static IReadOnlyList<ApiOperation> All { get; } = Discover();

    private static List<ApiOperation> Discover() =>
        (from type in typeof(ApiOperation).Assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
         // The HTML pages (and their assets) are not part of the API: they are documented in README and ADR 0006-pages.
         where function is not null && trigger is not null && type != typeof(PageFunctions)
         orderby function.Name
         select new ApiOperation(function.Name, trigger.Route ?? function.Name, (trigger.Methods ?? ["get", "post"]).Select(m => m.ToLowerInvariant()).ToArray(), method)).ToList();
}
