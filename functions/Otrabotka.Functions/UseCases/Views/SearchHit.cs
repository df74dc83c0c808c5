using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record SearchHit(string GraduateId, string FullName, Category Category, ObligationStatus? Status, Region? Region, DateOnly GraduationDate, string University);
