using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Http;

/// <summary>The one place where named outcomes become HTTP status codes.</summary>
public static class HttpStatus
{
    public static int Of(Success success) => success switch
    {
        Success.Ok => 200,
        Success.Created => 201,
        Success.Accepted => 202,
    };

    public static int Of(Refusal refusal) => refusal switch
    {
        Refusal.Invalid => 400,
        Refusal.Unauthorized => 401,
        Refusal.Forbidden => 403,
        Refusal.NotFound => 404,
        Refusal.Conflict => 409,
        Refusal.PreconditionFailed => 412,
        Refusal.Gone => 410,
        Refusal.TooLarge => 413,
        Refusal.UnsupportedMediaType => 415,
        Refusal.Unprocessable => 422,
        Refusal.TooManyRequests => 429,
        Refusal.Unavailable => 503,
        Refusal.Failed => 500,
    };
}
