using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record ReviewItem(string DocumentId, string GraduateId, DocumentKind Kind, Category Category, Region? Region, DateTimeOffset ReceivedAt, int WaitingDays);
