namespace Otrabotka.Domain;

public enum ActorRole
{
    Graduate,
    Employer,
    Operator,
    /// <summary>A step of the system itself: validation (by trigger, upload, /complete or sweep), reminders.</summary>
    System,
}

/// <summary>
/// Who moved a document. <see cref="Label"/> is what a document's history shows (the role, or the system
/// step); <see cref="Id"/> is the operator's subject, kept for operators' eyes only.
/// </summary>
public sealed record Actor(ActorRole Role, string Label, string? Id = null)
{
    public static Actor Graduate { get; } = new(ActorRole.Graduate, "graduate");

    public static Actor Employer { get; } = new(ActorRole.Employer, "employer");

    /// <summary>What a document's history shows for any operator.</summary>
    public const string OperatorLabel = "operator";

    public static Actor Operator(string subject) => new(ActorRole.Operator, OperatorLabel, subject);

    public static Actor System(string step) => new(ActorRole.System, step);
}
