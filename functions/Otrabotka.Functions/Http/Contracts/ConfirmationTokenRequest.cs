namespace Otrabotka.Functions.Http.Contracts;

/// <summary>POST /api/confirmations/view: the employer link's token, read from the URL fragment by the page.</summary>
public sealed record ConfirmationTokenRequest(string Token);
