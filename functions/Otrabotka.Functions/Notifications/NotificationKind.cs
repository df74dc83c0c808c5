using System.Globalization;
using System.Net;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Notifications;

public enum NotificationKind
{
    DocumentReceived,
    DocumentRejected,
    AwaitingEmployer,
    EmployerRequest,
    DocumentInReview,
    DocumentAccepted,
    ObligationCompleted,
    DefaultDeclared,
    ReminderNoEmploymentProof,
    ReminderEmployerNoAnswer,
    ReminderEmployerSilent,
    ReminderReconfirmation,
    ReminderDeferralEnding,
    ReminderAtRisk,
    FeedCredited,
    FeedNotCredited,
    FeedStopped,
    ObligationCorrected,
}
