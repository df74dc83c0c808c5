namespace Otrabotka.Functions.Http.Contracts;

/// <summary>The employer's answer.</summary>
public enum EmployerDecision
{
    Confirm,
    Decline,
}
