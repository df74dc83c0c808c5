namespace Otrabotka.Functions.Http.OpenApi;

/// <summary>Examples from README's walk-through ("Try it: from registration to a confirmed job").</summary>
public static class ApiExamples
{
    public const string Registration = """
        {"iin":"900101300017","fullName":"Айгерім Сапарова","email":"aigerim@example.kz","language":"kk",
         "category":"rural-quota","level":"bachelor","specialtyGroup":"pedagogical","graduationDate":"2025-06-20",
         "admissionYear":2021,"budgetCost":3600000,"university":"ЕҰУ"}
        """;

    public const string Registered = """{"graduateId":"g0f3c1b2a9e8d4c7b6a5f4e3d2c1b0a9e","created":true}""";

    public const string EmploymentMetadata = """
        {"employerBin":"140540000015","employerName":"Ақсу мектебі","employerEmail":"hr@aksu-school.kz","organisationKind":"education",
         "ownership":"state","region":"akmola","settlementType":"village","position":"мұғалім","startDate":"2025-09-01"}
        """;

    public const string Upload = """
        {"kind":"employment-confirmation","metadata":{"employerBin":"140540000015","employerName":"Ақсу мектебі","employerEmail":"hr@aksu-school.kz",
         "organisationKind":"education","ownership":"state","region":"akmola","settlementType":"village","position":"мұғалім","startDate":"2025-09-01"},
         "file":"(the PDF, JPEG or PNG)"}
        """;

    public const string DirectUpload = """
        {"kind":"employment-confirmation","metadata":{"employerBin":"140540000015","employerName":"Ақсу мектебі","employerEmail":"hr@aksu-school.kz",
         "organisationKind":"education","ownership":"state","region":"akmola","settlementType":"village","position":"мұғалім","startDate":"2025-09-01"}}
        """;

    public const string Submitted = """{"id":"d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b","status":"received","statusUrl":"/api/me/documents/d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b"}""";

    public const string ReminderRun = """{"date":"2025-10-01"}""";

    public const string ConfirmationDecision = """{"token":"(the token from the link's #t=)","decision":"confirm","confirmerName":"Сәуле Омарова","confirmerPosition":"директор"}""";
}
