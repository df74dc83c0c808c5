using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Composition;

/// <summary>The operators' desk (issue 15): index, counters, audit trail, and their use cases.</summary>
public static class OperatorDeskServices
{
    public static IServiceCollection AddOperatorDesk(this IServiceCollection services)
    {
        services.AddSingleton<OperatorIndex>();
        services.AddSingleton<OperatorIndexReader>();
        services.AddSingleton<OperatorCounters>();
        services.AddSingleton<OperatorAuditLog>();
        services.AddSingleton<GraduateCorrections>();
        services.AddSingleton<OperatorSearch>();
        services.AddSingleton<FindGraduates>();
        services.AddSingleton<SearchGraduates>();
        services.AddSingleton<ReadDashboard>();
        services.AddSingleton<ExportDefaulted>();
        services.AddSingleton<ReadAuditTrail>();
        services.AddSingleton<OpenGraduate>();
        services.AddSingleton<CorrectGraduate>();
        services.AddSingleton<OperatorResyncStore>();
        services.AddSingleton<ResyncQueue>();
        services.AddSingleton<StartResync>();
        services.AddSingleton<ReadResyncStatus>();
        services.AddSingleton<RunResyncStep>();
        services.AddSingleton<StartCalendarMoves>();
        services.AddSingleton<RunCalendarMovesStep>();
        services.AddSingleton<Http.OperatorAccess>();
        return services;
    }
}
