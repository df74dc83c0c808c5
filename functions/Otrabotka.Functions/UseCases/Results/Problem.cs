using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>A refusal a use case returns instead of a value: its named outcome, a stable code and the text.</summary>
public sealed record Problem(Refusal Kind, string Code, Text Detail, IReadOnlyList<FieldError>? Errors = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Problem NotFound => new(Refusal.NotFound, "not-found", new("Сұралған жазба табылмады.", "Запрошенная запись не найдена.", "The requested record was not found."));

    public static Problem BadContinuationToken => new(Refusal.Invalid, "invalid-continuation-token",
        new("Жалғастыру токені жарамсыз; іздеуді басынан бастаңыз.", "Токен продолжения недействителен; начните поиск сначала.", "The continuation token is invalid; start the search again."));

    /// <summary>The retry policy gave up: the record kept changing under us.</summary>
    public static Problem ConcurrentUpdate => new(Refusal.Conflict, "concurrent-update",
        new("Жазба бір уақытта өзгертілді; қайталап көріңіз.", "Запись изменялась одновременно; повторите.", "The record changed concurrently; try again."));

    public static Problem Invalid(IReadOnlyList<FieldError> errors) =>
        new(Refusal.Invalid, "validation-failed", new("Деректерде қателер бар.", "В данных есть ошибки.", "The request has invalid fields."), errors);

    public static Problem FromReasons(Refusal kind, string code, IEnumerable<Reason> reasons, string field) =>
        new(kind, code, new("Деректер ережелерге сәйкес келмейді.", "Данные не соответствуют правилам.", "The data breaks the rules."), reasons.Select(r => new FieldError(field, r.Code, r.Message)).ToList());

    /// <summary>A move the document's status machine refuses.</summary>
    public static Problem Refused(Reason reason) => new(Refusal.Conflict, reason.Code, reason.Message);
}
