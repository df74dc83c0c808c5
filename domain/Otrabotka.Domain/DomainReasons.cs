namespace Otrabotka.Domain;

/// <summary>Every reason a rule can give, in one place: stable code, kk/ru/en text, and the point of the law.</summary>
public static class DomainReasons
{
    // Obligation (registration)
    public static readonly Reason ResidencyOnlyMedical = new("residency-only-medical",
        new("Резидентура тек медициналық мамандықтар үшін көзделген.", "Резидентура возможна только для медицинских специальностей.", "Residency exists only for medical specialties."), Law.Rules403);
    public static readonly Reason LevelNotInCategory = new("level-not-in-category",
        new("Бұл санатқа мұндай білім деңгейі жатпайды.", "Этот уровень образования не относится к данной категории.", "This level of study does not belong to the category."), Law.Obligation);
    public static readonly Reason GroupNotInCategory = new("specialty-not-in-category",
        new("Бұл санатқа мұндай мамандық тобы жатпайды.", "Эта группа специальностей не относится к данной категории.", "This specialty group does not belong to the category."), Law.Obligation);
    public static readonly Reason AdmissionYearBeforeRules = new("admission-year-before-rules",
        new("Бұл түскен жылға жұмыспен өтеу ережелері белгіленбеген.", "Для этого года поступления правила отработки не установлены.", "No work-off rules are set for this admission year."), Law.Obligation);
    public static readonly Reason BudgetCostNegative = new("budget-cost-invalid",
        new("Бюджет шығыстары теріс болмауы керек.", "Бюджетные расходы не могут быть отрицательными.", "The budget cost cannot be negative."));
    public static readonly Reason GrantMonthsInvalid = new("grant-months-invalid",
        new("Грант бойынша оқу айлары оң сан болуы және нормативтік мерзімнен аспауы керек.", "Месяцы обучения по гранту должны быть положительными и не больше нормативного срока.", "Grant months must be positive and not exceed the normative study months."), Law.Obligation);

    // Workplace eligibility
    public static readonly Reason OrganisationKindNotAllowed = new("organisation-kind-not-allowed",
        new("Ұйым түрі осы санат пен мамандық тобы бойынша жұмыспен өтеуге жарамайды.", "Вид организации не подходит для отработки по этой категории и группе специальностей.", "This kind of organisation does not count for this category and specialty group."), Law.Obligation);
    public static readonly Reason WorkplaceNotRural = new("workplace-not-rural",
        new("Ауылдық квота бойынша жұмыс ауылдық жерде болуы керек.", "По сельской квоте работа должна быть в сельской местности.", "Under the rural quota the work must be in a rural settlement."), Law.Obligation);
    public static readonly Reason RegionNotSerpin = new("region-not-serpin",
        new("«Серпін» санаты бойынша жұмыс белгіленген 11 өңірдің бірінде болуы керек.", "По категории «Серпін» работа должна осуществляться в одном из 11 установленных регионов.", "Under Serpin the work must be in one of the 11 designated regions."), Law.Rules403);
    public static readonly Reason KatoFormat = new("kato-format",
        new("ӘАОЖ (КАТО) коды 9 цифрдан тұруы керек.", "Код КАТО должен состоять из 9 цифр.", "The KATO code must be 9 digits."));
    public static readonly Reason KatoRegionMismatch = new("kato-region-mismatch",
        new("ӘАОЖ (КАТО) коды көрсетілген өңірге сәйкес келмейді.", "Код КАТО не соответствует указанному региону.", "The KATO code does not match the stated region."));
    public static readonly Reason LateStart = new("late-start",
        new("Сіз жұмысқа жұмыспен өтеу мерзімі басталғаннан кейін орналастыңыз: оған дейінгі кезең жұмыспен өтеу мерзіміне есептелмейді.", "Вы приступили к работе после начала срока отработки; период до начала работы в срок отработки не засчитывается.", "The job began after the obligation's start: the days before it are not credited."), Law.Rules403);

    // Dates
    public static readonly Reason EndBeforeStart = new("end-before-start",
        new("Аяқталу күні басталу күнінен ерте болмауы керек.", "Дата окончания не может быть раньше даты начала.", "The end date is before the start date."));
    public static readonly Reason DateInFuture = new("date-in-future",
        new("Көрсетілген күн әлі келген жоқ.", "Указанная дата ещё не наступила.", "The date given has not come yet."));
    public static readonly Reason StartTooFarAhead = new("start-too-far-ahead",
        new("Жұмыстың басталу күні тым алыс: ол бүгіннен бастап үш айдан аспауы керек.", "Дата начала работы слишком далеко: не более трёх месяцев от сегодняшнего дня.", "The job starts too far ahead: at most three months from today."), Law.Rules403);

    // Exemptions (п.17-2)
    public static readonly Reason GroundNotAllowed = new("exemption-ground-not-allowed",
        new("Бұл санат бойынша мұндай босату негізі қарастырылмаған.", "Такое основание освобождения не предусмотрено для этой категории.", "This ground of exemption does not apply to the category."), Law.Exemption);
    public static readonly Reason DecisionOutsideGraduationYear = new("decision-outside-graduation-year",
        new("Бөлу жөніндегі комиссияның шешімі оқу бітірген жылы қабылдануы керек.", "Решение комиссии по распределению должно быть принято в год окончания обучения.", "The commission's decision must be dated in the graduation year."), Law.Exemption);
    public static readonly Reason DisabilityGroupNotEligible = new("disability-group-not-eligible",
        new("Босату тек бірінші және екінші топтағы мүгедектікке беріледі.", "Освобождение предоставляется только при инвалидности первой и второй групп.", "Only disability of group I or II is a ground for exemption."), Law.Exemption);
    public static readonly Reason SpouseLocalityMissing = new("spouse-locality-missing",
        new("Жұбайының (зайыбының) елді мекенін көрсетіңіз.", "Укажите населённый пункт супруга (супруги).", "State the spouse's locality."), Law.Exemption);
    public static readonly Reason StudyLevelNotEligible = new("study-level-not-eligible",
        new("Одан әрі оқу магистратурада, докторантурада немесе резидентурада болуы керек.", "Дальнейшее обучение должно быть в магистратуре, докторантуре или резидентуре.", "Further study must be a master's, doctorate or residency."), Law.Exemption);
    public static readonly Reason ResidencyNotStateOrder = new("residency-not-state-order",
        new("Резидентураға оқуға түсу мемлекеттік білім беру тапсырысы негізінде болғанда ғана босатуға негіз болады.", "Поступление в резидентуру освобождает от отработки только на основе государственного образовательного заказа.", "Residency exempts only when it is on the state educational order."), Law.Exemption);
    public static readonly Reason EnrolmentOutsideGraduationYear = new("enrolment-outside-graduation-year",
        new("Оқуға түсу оқу бітірген жылы болуы керек.", "Поступление должно быть в год окончания обучения.", "The enrolment must be in the graduation year."), Law.Exemption);
    public static readonly Reason PregnancyOrChildMissing = new("pregnancy-or-child-missing",
        new("Жүктілікті растау күнін немесе баланың туған күнін көрсетіңіз.", "Укажите дату подтверждения беременности или дату рождения ребёнка.", "Give the date pregnancy was confirmed or the child's birth date."), Law.Exemption);
    public static readonly Reason ChildOverThree = new("child-over-three",
        new("Бөлу жөніндегі комиссияның шешімі қабылданған күні бала үш жасқа толған.", "На дату решения комиссии по распределению ребёнку исполнилось три года.", "The child was three or older on the commission's decision date."), Law.Exemption);
    public static readonly Reason ChildBornAfterDecision = new("child-born-after-decision",
        new("Баланың туған күні комиссия шешімінің күнінен кейін болмауы керек.", "Дата рождения ребёнка не может быть позже даты решения комиссии.", "The child's birth date cannot be after the commission's decision."), Law.Exemption);

    // Deferral (military service)
    public static readonly Reason DeferralNotAllowed = new("deferral-not-allowed",
        new("Бұл санат бойынша кейінге қалдыру қарастырылмаған.", "Отсрочка не предусмотрена для этой категории.", "A deferral does not apply to this category."), Law.Exemption);

    // Unemployment registration
    public static readonly Reason ReferralAfterRegistration = new("referral-after-registration",
        new("Комиссияның жолдамасы жұмыспен қамту орталығында тіркелгенге дейін берілуі керек.", "Направление комиссии должно предшествовать регистрации в центре занятости.", "The commission's referral must precede the registration at the employment centre."), Law.Rules403);

    public static readonly Reason ReferralOutsideGraduationYear = new("referral-outside-graduation-year",
        new("Комиссияның жұмыспен қамту орталығына жолдамасы оқу бітірген жылы берілуі керек.", "Направление комиссии в центр занятости должно быть выдано в год окончания обучения.", "The commission's referral to the employment centre must be dated in the graduation year."), Law.Rules403);

    // Employment end
    public static readonly Reason NoEmploymentToEnd = new("no-employment-to-end",
        new("Аяқталатын қабылданған жұмыс табылмады.", "Не найдена принятая работа, которую можно завершить.", "No accepted employment to end was found."));

    // Default (п.17-1)
    public static readonly Reason AlreadyDefaulted = new("already-defaulted",
        new("Міндет орындалмады деп бұрын танылған.", "Обязанность уже признана неисполненной.", "Default was declared already."), Law.Reimbursement);
    public static readonly Reason NotDefaultable = new("not-defaultable",
        new("Жұмыспен өтеуден босатылған немесе оны орындап қойған түлектің міндетін орындалмады деп тануға болмайды.", "Нельзя признать неисполненной обязанность выпускника, освобождённого от отработки или уже выполнившего её.", "An exempt or completed obligation cannot be declared in default."), Law.Reimbursement);

    // Documents
    public static readonly Reason IllegalTransition = new("illegal-transition",
        new("Құжаттың күйін бұлай өзгертуге болмайды.", "Такое изменение статуса документа невозможно.", "The document cannot move to that status."));
    public static readonly Reason AlreadyContested = new("already-contested",
        new("Шешімге бір рет қана шағымдануға болады.", "Решение можно оспорить только один раз.", "A decision can be contested only once."));
}
