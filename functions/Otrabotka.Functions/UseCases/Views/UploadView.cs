namespace Otrabotka.Functions.UseCases;

public sealed record UploadView(string Id, Uri UploadUrl, DateTimeOffset ExpiresAt, string StatusUrl);
