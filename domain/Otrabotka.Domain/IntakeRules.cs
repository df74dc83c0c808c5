namespace Otrabotka.Domain;

/// <summary>The intake's own rule: a document whose file never arrived is rejected, so none stays "received" for ever.</summary>
public static class IntakeRules
{
    public static readonly Reason NotReceived = new("file-not-received",
        new("Құжаттың файлы келмеді. Құжатты қайта жүктеңіз.", "Файл документа не поступил. Загрузите документ снова.", "The document's file never arrived. Please upload the document again."));
}
