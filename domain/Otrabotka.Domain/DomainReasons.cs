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
    public static readonly Reason BudgetCostTooLarge = new("budget-cost-too-large",
        new("Бюджет шығыстары тым үлкен: бір миллиард теңгеден аспауы керек.", "Бюджетные расходы слишком велики: не более одного миллиарда тенге.", "The budget cost is too large: at most one billion tenge."));
    public static readonly Reason GraduationTooLate = new("graduation-too-late",
        new("Бітірген күні түскен жылдан 30 жылдан астам кейін болмауы керек.", "Дата окончания не может быть позже года поступления более чем на 30 лет.", "The graduation date cannot be more than 30 years after the admission year."));
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
    public static readonly Reason DefaultBeforeGraduation = new("default-before-graduation",
        new("Міндетті орындалмады деп тану күні оқу бітірген күннен бұрын болмауы керек.", "Дата признания обязанности неисполненной не может быть раньше даты окончания обучения.", "Default cannot be declared as of a date before the graduation date."), Law.Reimbursement);
    public static readonly Reason NotDefaultable = new("not-defaultable",
        new("Жұмыспен өтеуден босатылған немесе оны орындап қойған түлектің міндетін орындалмады деп тануға болмайды.", "Нельзя признать неисполненной обязанность выпускника, освобождённого от отработки или уже выполнившего её.", "An exempt or completed obligation cannot be declared in default."), Law.Reimbursement);

    // Documents
    public static readonly Reason IllegalTransition = new("illegal-transition",
        new("Құжаттың күйін бұлай өзгертуге болмайды.", "Такое изменение статуса документа невозможно.", "The document cannot move to that status."));
    public static readonly Reason AlreadyContested = new("already-contested",
        new("Шешімге бір рет қана шағымдануға болады.", "Решение можно оспорить только один раз.", "A decision can be contested only once."));

    // Import files: the pension feed and the employer registry (issue 16)
    public static readonly Reason ImportFileEmpty = new("import-file-empty",
        new("Файл бос: тақырып жолы жоқ.", "Файл пуст: нет строки заголовка.", "The file is empty: there is no header line."));
    public static readonly Reason ImportFileColumns = new("import-file-columns",
        new("Файлдың тақырып жолында қажетті бағандар жоқ: файл толығымен қабылданбады.", "В заголовке файла нет обязательных столбцов: файл не принят целиком.", "The file's header lacks required columns: the whole file is refused."));
    public static readonly Reason ImportRowColumns = new("import-row-columns",
        new("Жолда бағандар жеткіліксіз.", "В строке не хватает столбцов.", "The row has too few columns."));
    public static readonly Reason ImportRowEncoding = new("import-row-encoding",
        new("Жолда UTF-8 емес таңбалар бар: файлды UTF-8 кодтауымен сақтаңыз.", "В строке есть символы не в UTF-8: сохраните файл в кодировке UTF-8.", "The row holds bytes that are not UTF-8 text: save the file as UTF-8."));
    public static readonly Reason ImportRowQuote = new("import-row-quote",
        new("Жолдағы тырнақша жабылмаған.", "В строке не закрыта кавычка.", "A quote in the row is not closed."));
    public static readonly Reason FeedMonthFormat = new("feed-month-format",
        new("Ай ЖЖЖЖ-АА түрінде жазылуы керек (мысалы, 2025-03).", "Месяц должен быть записан как ГГГГ-ММ (например, 2025-03).", "The month must be written YYYY-MM (for example 2025-03)."));
    public static readonly Reason FeedContributionFormat = new("feed-contribution-format",
        new("Жарна төленгені туралы белгі «иә» немесе «жоқ» мәнін білдіретін екі мәннің бірі болуы керек.", "Отметка об уплате взноса должна быть одним из двух значений: «да» или «нет».", "Whether the contribution was paid must be true or false."));
    public static readonly Reason FeedEmployerNameMissing = new("feed-employer-name-missing",
        new("Жұмыс берушінің атауы көрсетілмеген.", "Не указано наименование работодателя.", "The employer's name is missing."));
    public static readonly Reason RegistryNameMissing = new("registry-name-missing",
        new("Ұйымның атауы көрсетілмеген.", "Не указано наименование организации.", "The organisation's name is missing."));
    public static readonly Reason RegistryValueUnknown = new("registry-value-unknown",
        new("Ұйым түрі, меншік нысаны, өңір немесе елді мекен түрі белгісіз.", "Вид организации, форма собственности, регион или тип населённого пункта не распознаны.", "An organisation kind, ownership, region or settlement type is not recognised."));
    public static readonly Reason RegistryEmailDomainFormat = new("registry-email-domain-format",
        new("Электрондық пошта домені дұрыс жазылмаған.", "Домен электронной почты записан неверно.", "An e-mail domain is not a valid domain name."));
    public static readonly Reason RegistrySourceMissing = new("registry-source-missing",
        new("Деректердің көзі көрсетілмеген.", "Не указан источник сведений.", "The source of the entry is missing."));
    public static readonly Reason RegistryDateFormat = new("registry-date-format",
        new("Деректердің күні ЖЖЖЖ-АА-КК түрінде жазылуы керек.", "Дата сведений должна быть записана как ГГГГ-ММ-ДД.", "The entry's date must be written YYYY-MM-DD."));

    // Pension feed matching and cross-checks (issue 16)
    public static readonly Reason FeedEmployerUnknown = new("feed-employer-unknown",
        new("Зейнетақы жарналары жұмыс берушілер тізілімінде жоқ ұйымнан төленген: айларды оператор қарайды.", "Пенсионные взносы уплачены организацией, которой нет в реестре работодателей: месяцы рассмотрит оператор.", "The pension contributions were paid by an employer the registry does not know: an operator will review the months."), Law.Obligation);
    public static readonly Reason FeedNoContributions = new("feed-no-contributions",
        new("Қабылданған жұмыс құжаты бойынша жұмыс берушіден екі ай немесе одан көп зейнетақы жарнасы түспеген.", "По принятому документу о работе от работодателя нет пенсионных взносов два месяца и более.", "No pension contributions from the employer of an accepted employment document for two months or more."));
    public static readonly Reason FeedOtherEmployer = new("feed-other-employer",
        new("Зейнетақы жарналары расталған жұмыс берушіден емес, басқа ұйымнан төленген.", "Пенсионные взносы уплачены не подтверждённым работодателем, а другой организацией.", "The pension contributions were paid by another employer than the confirmed one."));
    public static readonly Reason FeedPaidWhileExempt = new("feed-paid-while-exempt",
        new("Жұмыспен өтеуден босату тіркелген кезеңде зейнетақы жарналары төленген.", "Пенсионные взносы уплачены в период, когда зарегистрировано освобождение от отработки.", "Pension contributions were paid while an exemption is recorded."), Law.Exemption);
    public static readonly Reason FeedPaidWhileDeferred = new("feed-paid-while-deferred",
        new("Әскери қызметке байланысты кейінге қалдыру кезеңінде зейнетақы жарналары төленген.", "Пенсионные взносы уплачены в период отсрочки на время воинской службы.", "Pension contributions were paid during a deferral for military service."), Law.Exemption);
}
