namespace Otrabotka.Domain;

/// <summary>
/// Whether a graduate consented to the Ministry of Labour passing their pension contributions to the Center
/// (an SMS from 1414: 511 consents, 512 refuses). Set by an import or by an operator.
/// </summary>
public enum FeedConsent
{
    Unknown,
    Consented,
    Refused,
}
