using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCaseOrderer("Otrabotka.Functions.Tests.ContractCheckLast", "Otrabotka.Functions.Tests")]

namespace Otrabotka.Functions.Tests;

/// <summary>Runs the contract conformance check after every other test of its collection (xunit's own order otherwise).</summary>
public sealed class ContractCheckLast : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase
    {
        var ordered = testCases.OrderBy(t => t.UniqueID, StringComparer.Ordinal).ToList();
        return ordered.Where(t => !IsCheck(t)).Concat(ordered.Where(t => IsCheck(t)));
    }

    private static bool IsCheck(ITestCase test) => test.TestMethod.TestClass.Class.Name == typeof(ContractConformanceTests).FullName;
}
