namespace Otrabotka.Domain;

/// <summary>
/// Official names in Kazakh, Russian and English, taken from the Financial Center's briefing (its evident
/// typos corrected, e.g. «ветеренария» → «ветеринария», «тапсырыс» → «тапсырысы» in category names).
/// </summary>
public static class Names
{
    public static Text Of(Category value) => value switch
    {
        Category.RuralQuota => new("Ауылдық квота", "Сельская квота", "Rural quota"),
        Category.StateOrder => new("Мемлекеттік білім беру тапсырысы", "Государственный образовательный заказ", "State educational order"),
        Category.Serpin => new("«Серпін»", "«Серпін»", "Serpin"),
        Category.StateOrderOther => new("Мемлекеттік білім беру тапсырысы (басқа мамандықтар)", "Государственный образовательный заказ (другие специальности)", "State educational order (other specialties)"),
        Category.Phd => new("Философия докторлары (PhD)", "Доктора философии (PhD)", "Doctors of Philosophy (PhD)"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(Level value) => value switch
    {
        Level.Bachelor => new("Бакалавриат", "Бакалавриат", "Bachelor's"),
        Level.Master => new("Магистратура", "Магистратура", "Master's"),
        Level.Residency => new("Резидентура", "Резидентура", "Residency"),
        Level.Doctorate => new("Докторантура", "Докторантура", "Doctorate"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(SpecialtyGroup value) => value switch
    {
        SpecialtyGroup.Pedagogical => new("Педагогикалық мамандықтар", "Педагогические специальности", "Pedagogical specialties"),
        SpecialtyGroup.Medical => new("Медициналық мамандықтар", "Медицинские специальности", "Medical specialties"),
        SpecialtyGroup.Veterinary => new("Ветеринариялық мамандықтар", "Ветеринарные специальности", "Veterinary specialties"),
        SpecialtyGroup.Agricultural => new("Ауыл шаруашылығы мамандықтары", "Сельскохозяйственные специальности", "Agricultural specialties"),
        SpecialtyGroup.Technical => new("Техникалық мамандықтар", "Технические специальности", "Technical specialties"),
        SpecialtyGroup.Other => new("Басқа мамандықтар", "Другие специальности", "Other specialties"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(OrganisationKind value) => value switch
    {
        OrganisationKind.Education => new("Білім беру ұйымы", "Организация образования", "Education organisation"),
        OrganisationKind.Healthcare => new("Денсаулық сақтау ұйымы", "Организация здравоохранения", "Healthcare organisation"),
        OrganisationKind.Veterinary => new(
            "Ветеринария саласындағы мемлекеттік орган бөлімшесі немесе ветеринариялық ұйым",
            "Подразделение государственного органа в области ветеринарии или ветеринарная организация",
            "State veterinary body or veterinary organisation"),
        OrganisationKind.Agrarian => new("Аграрлық бейіндегі ұйым", "Организация аграрного профиля", "Agrarian organisation"),
        OrganisationKind.HigherEducation => new(
            "Жоғары және (немесе) жоғары оқу орнынан кейінгі білім беру ұйымы (ЖЖОКБҰ)",
            "Организация высшего и (или) послевузовского образования (ОВПО)",
            "Higher and/or postgraduate education organisation"),
        OrganisationKind.Scientific => new("Ғылыми ұйым", "Научная организация", "Scientific organisation"),
        OrganisationKind.Other => new("Басқа ұйым", "Другая организация", "Other organisation"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(SettlementType value) => value switch
    {
        SettlementType.City => new("Қала", "Город", "City"),
        SettlementType.Town => new("Аудандық маңызы бар қала", "Город районного значения", "Town"),
        SettlementType.Village => new("Ауыл (ауылдық елді мекен)", "Село (сельский населённый пункт)", "Village (rural settlement)"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(Region value) => Regions.Of(value).Name;

    public static Text Of(ExemptionGround value) => value switch
    {
        ExemptionGround.SpouseNoVacancy => new(
            "Жұбайы (зайыбы) тұратын, жұмыс істейтін немесе қызмет өткеретін елді мекенде бос жұмыс орындарының болмауы",
            "Отсутствие вакансий в населённом пункте по месту проживания, работы или прохождения службы супруга (супруги)",
            "No vacancy where the spouse lives, works or serves"),
        ExemptionGround.Disability12 => new(
            "Бірінші және екінші топтағы мүгедектік",
            "Инвалидность первой и второй групп",
            "Disability of group I or II"),
        ExemptionGround.FurtherStudy => new(
            "Магистратураға, докторантураға, мемлекеттік білім беру тапсырысы негізінде резидентураға одан әрі оқуға түсу",
            "Поступление для дальнейшего обучения в резидентуру на основе государственного образовательного заказа, магистратуру, докторантуру",
            "Admitted to further study: residency on the state order, master's or doctorate"),
        ExemptionGround.PregnancyOrChildUnder3 => new(
            "Жүктілік, үш жасқа дейінгі баланың (балалардың) болуы немесе оларды өздері тәрбиелеуі",
            "Беременность, наличие или самостоятельное воспитание ребёнка (детей) в возрасте до трёх лет",
            "Pregnancy, or having or raising alone a child under three"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(DocumentKind value) => value switch
    {
        DocumentKind.EmploymentConfirmation => new("Жұмысқа орналасуды растайтын құжат", "Подтверждение трудоустройства", "Employment confirmation"),
        DocumentKind.EmploymentEnd => new("Еңбек шартын бұзу туралы бұйрық", "Приказ о расторжении трудового договора", "Employment end"),
        DocumentKind.UnemploymentRegistration => new("Халықты жұмыспен қамту орталығының анықтамасы", "Справка центра занятости населения", "Employment-centre registration"),
        DocumentKind.ExemptionProof => new("Жұмыспен өтеуден босату туралы құжат", "Документ об освобождении от отработки", "Exemption proof"),
        DocumentKind.DeferralProof => new("Мерзімді әскери қызметті растайтын құжат (кейінге қалдыру)", "Документ о срочной воинской службе (отсрочка)", "Military service proof (deferral)"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(DocumentStatus value) => value switch
    {
        DocumentStatus.Received => new("Алынды", "Получен", "Received"),
        DocumentStatus.Validating => new("Тексерілуде", "Проверяется", "Validating"),
        DocumentStatus.Rejected => new("Қабылданбады", "Отклонён", "Rejected"),
        DocumentStatus.AwaitingEmployer => new("Жұмыс берушінің растауы күтілуде", "Ожидает подтверждения работодателя", "Awaiting the employer"),
        DocumentStatus.AwaitingReview => new("Оператордың тексеруі күтілуде", "Ожидает проверки оператором", "Awaiting review"),
        DocumentStatus.Accepted => new("Қабылданды", "Принят", "Accepted"),
        DocumentStatus.Withdrawn => new("Кері қайтарып алынды", "Отозван", "Withdrawn"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static Text Of(ObligationStatus value) => value switch
    {
        ObligationStatus.NotStarted => new("Басталмаған", "Не начата", "Not started"),
        ObligationStatus.InProgress => new("Орындалуда", "Выполняется", "In progress"),
        ObligationStatus.Paused => new("Кейінге қалдырылды", "Отсрочка", "Paused (deferral)"),
        ObligationStatus.Completed => new("Орындалды", "Выполнена", "Completed"),
        ObligationStatus.Exempt => new("Босатылды", "Освобождение от отработки", "Exempt"),
        ObligationStatus.AtRisk => new("Орындалмау қаупі бар", "Под угрозой невыполнения", "At risk"),
        ObligationStatus.Defaulted => new("Орындалмады (шығындарды өтеу)", "Не исполнена (возмещение расходов)", "Defaulted (reimbursement owed)"),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
