using System.Reflection;
using Otrabotka.Functions.Composition;
using FW = Microsoft.Azure.Functions.Worker;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The shape of the use cases the functions call (architecture.md): each is a class named by its verb with one
/// public method, <c>RunAsync</c>; shared internals are collaborators with noun names, which functions do not call.
/// </summary>
public sealed class UseCaseShapeTests
{
    private const string UseCases = "Otrabotka.Functions.UseCases";

    [Fact]
    public void Every_use_case_a_function_depends_on_has_one_public_method_named_RunAsync()
    {
        var useCases = UseCasesOfFunctions();
        Assert.True(useCases.Count >= 30, $"only {useCases.Count} use cases found: the reflection missed the functions' constructors");

        var misshapen = useCases
            .Select(type => (type.Name, Methods: PublicMethods(type)))
            .Where(found => found.Methods is not ["RunAsync"])
            .Select(found => $"{found.Name}: {string.Join(", ", found.Methods)}")
            .ToList();
        Assert.Empty(misshapen);
    }

    [Fact]
    public void Collaborators_shared_by_use_cases_are_not_called_by_functions()
    {
        Type[] collaborators =
        [
            typeof(UseCases.DocumentMoves), typeof(UseCases.GraduateLookup), typeof(UseCases.GraduateRegistrations), typeof(UseCases.ReviewDocuments),
            typeof(UseCases.EmployerLinkLookup), typeof(UseCases.DocumentValidator), typeof(UseCases.EmployerAddressChecks), typeof(UseCases.RunReminders), typeof(UseCases.ReminderSender),
            typeof(UseCases.IntakeSweep), typeof(UseCases.ReceivedSweep), typeof(UseCases.SweepFeeds),
            typeof(UseCases.OperatorDesk.OperatorSearch), typeof(UseCases.OperatorDesk.ResyncQueue),
        ];
        Assert.Empty(UseCasesOfFunctions().Intersect(collaborators).Select(type => type.Name));
    }

    /// <summary>The use-case classes the function classes (those with a [Function] method) take in their constructors.</summary>
    private static List<Type> UseCasesOfFunctions() =>
        typeof(OtrabotkaServices).Assembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.IsDefined(typeof(FW.FunctionAttribute), false)))
            .SelectMany(type => type.GetConstructors().SelectMany(constructor => constructor.GetParameters()))
            .Select(parameter => parameter.ParameterType)
            .Where(type => type.IsClass && type.Namespace is { } space && (space == UseCases || space.StartsWith(UseCases + ".", StringComparison.Ordinal)))
            .Distinct()
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();

    private static List<string> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => !method.IsSpecialName)
            .Select(method => method.Name)
            .ToList();
}
