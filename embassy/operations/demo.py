"""The demo content a newcomer sees on a fresh installation, in English and in Russian.

Facts and dates follow the reference capture of 28 June 2022; every sentence, in either
language, is our own.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from consular.models import ContactPoint, HoursException, Notice, OpeningHours, PhoneNumber
from embassy.infrastructure import caching
from embassy.infrastructure.translated import localized
from embassy.operations.demo_pages import PAGES
from embassy.pages import demo as pages_demo
from embassy.sitewide.models import Clock, IncidentCounter
from news.models import Article, Event, Kind, Status

LONDON = ZoneInfo("Europe/London")


def site_is_empty() -> bool:
    """True when no content of any kind has been entered yet."""
    return not any(model._default_manager.exists() for model in caching.content_models())


def content_snapshot() -> dict[str, list]:
    """Every content row as plain values, to compare the site before and after a command."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in caching.content_models()
    }


def load() -> None:
    """Create the demo content. Call only on an empty site (see site_is_empty)."""
    load_header()
    load_consular()
    load_news()
    load_pages()


def load_pages() -> None:
    """The standing pages, in the words of demo_pages.py."""
    pages_demo.load(PAGES)


def in_languages(**texts: tuple[str, str]) -> dict[str, str]:
    """Each field's (English, Russian) text in its language's column: name=("Visas", "Визы")
    gives name_en and name_ru. The English goes to the default language's column when the site
    has no English; the Russian is left out when it has no Russian."""
    codes = [code for code, _name in settings.LANGUAGES]
    english = "en" if "en" in codes else settings.LANGUAGE_CODE
    columns = {}
    for field, (english_text, russian_text) in texts.items():
        columns[localized(field, english)] = english_text
        if "ru" in codes and english != "ru":
            columns[localized(field, "ru")] = russian_text
    return columns


# The counters' event names follow "N days have passed since …" and, in Russian, "Прошло N дней
# с момента …": a noun in the genitive.
NO_ANSWER = (
    "and still the British side has offered no credible facts and no answer",
    "а британская сторона так и не представила ни достоверных фактов, ни внятного ответа",
)


def load_header() -> None:
    Clock.objects.create(
        time_zone="Europe/Moscow", order=1, **in_languages(city=("Moscow", "Москва"))
    )
    Clock.objects.create(
        time_zone="Europe/London", order=2, **in_languages(city=("London", "Лондон"))
    )
    IncidentCounter.objects.create(
        event_date=date(2018, 3, 4),
        order=1,
        **in_languages(
            event_name=("the Salisbury incident", "отравления в Солсбери"), note=NO_ANSWER
        ),
    )
    IncidentCounter.objects.create(
        event_date=date(2018, 3, 12),
        order=2,
        **in_languages(
            event_name=(
                "the death of Nikolay Glushkov in Britain",
                "гибели Николая Глушкова в Великобритании",
            ),
            note=NO_ANSWER,
        ),
    )
    queries = ContactPoint.objects.create(
        email="consular@example.org",
        in_header=True,
        order=1,
        **in_languages(name=("Consular queries", "Консульские справки"), address=CONSULAR_ADDRESS),
    )
    PhoneNumber.objects.create(contact_point=queries, number="+44 20 7946 0321")


# Every number is in Ofcom's range for drama, 020 7946 0000-0999: none can reach anyone.
CONSULAR_ADDRESS = (
    "Consular Section\n1 Example Gardens\nLondon W8 0AA",
    "Консульский отдел\nЭкзампл-Гарденс, 1\nЛондон W8 0AA",
)
DEMO_DESKS = [
    # (name, numbers, email, notes, weekly hours as {weekday: [(opens, closes)]})
    (
        ("Visas", "Визы"),
        ["+44 20 7946 0322"],
        "visas@example.org",
        (
            "Applications are received by appointment only; book one by email first.",
            "Документы принимаются только по предварительной записи: сначала запишитесь "
            "по электронной почте.",
        ),
        {day: [("09:30", "12:30")] for day in range(5)},
    ),
    (
        ("Passports", "Паспорта"),
        ["+44 20 7946 0323", "+44 20 7946 0324"],
        "passports@example.org",
        (
            "Bring the old passport and two recent photographs.",
            "Возьмите с собой прежний паспорт и две недавние фотографии.",
        ),
        {day: [("09:30", "12:30"), ("14:00", "16:00")] for day in (0, 1, 3)},
    ),
    (
        ("Emergency assistance", "Экстренная помощь"),
        ["+44 20 7946 0999"],
        "",
        (
            "For citizens in distress only: arrest, serious illness, a death, a lost passport "
            "before travel. Other questions go to the consular queries line.",
            "Только для граждан, попавших в беду: арест, тяжёлая болезнь, смерть близкого, "
            "утрата паспорта накануне поездки. С остальными вопросами звоните по телефону "
            "консульских справок.",
        ),
        {day: [("00:00", "00:00")] for day in range(7)},
    ),
]
# Open on public holidays too: the section's closures do not apply.
STAYS_OPEN_ON_HOLIDAYS = {"Emergency assistance"}
QUERIES_HOURS = {day: [("09:30", "12:30"), ("14:00", "17:00")] for day in range(5)}


def load_consular(today: date | None = None) -> None:
    """The desks besides the header contact, their weekly hours, one closure and one notice."""
    today = today or timezone.localdate()
    queries = ContactPoint.objects.get(in_header=True)
    desks = [(queries, QUERIES_HOURS)]
    for order, (name, numbers, email, notes, weekly) in enumerate(DEMO_DESKS, start=2):
        desk = ContactPoint.objects.create(
            email=email,
            order=order,
            follows_section_changes=name[0] not in STAYS_OPEN_ON_HOLIDAYS,
            **in_languages(name=name, address=CONSULAR_ADDRESS, notes=notes),
        )
        for number_order, number in enumerate(numbers):
            PhoneNumber.objects.create(contact_point=desk, number=number, order=number_order)
        desks.append((desk, weekly))
    for desk, weekly in desks:
        OpeningHours.objects.bulk_create(
            OpeningHours(
                contact_point=desk,
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
            for weekday, ranges in weekly.items()
            for opens, closes in ranges
        )
    christmas = date(today.year, 12, 25)
    if christmas < today:
        christmas = date(today.year + 1, 12, 25)
    # A public holiday closes every desk: one change for the whole section.
    HoursException.objects.create(
        contact_point=None,
        date=christmas,
        **in_languages(reason=("Christmas Day", "Рождество")),
    )
    Notice.objects.create(
        starts_at=timezone.now() - timedelta(days=1),
        level="information",
        **in_languages(
            title=("Appointments for visas by email only", "Запись на визы — только по почте"),
            text=(
                "The visa desk no longer takes appointment requests by telephone. Write to "
                "visas@example.org with your name, your nationality and the dates you mean to "
                "travel, and we will reply with a time.\n\nPlease bring the printed reply.",
                "Визовый отдел больше не записывает на приём по телефону. Напишите на "
                "visas@example.org, укажите имя, гражданство и даты предполагаемой поездки — "
                "мы ответим и назначим время.\n\nПожалуйста, возьмите с собой распечатку "
                "нашего ответа.",
            ),
        ),
    )


def at(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


FEATURED_BODY = (
    """
<p>The foreign ministers of the Collective Security Treaty Organization met in Yerevan and
agreed two documents. The first sets down, for the first time in the organisation's own words,
that no state should strengthen its security at the cost of another's. The second is a plan of
consultations between the member states' foreign and defence ministries.</p>
<p>The plan covers the agenda of the United Nations General Assembly, regional crises,
information security, peacekeeping training and regular contact between the ministries' press
services.</p>
<p><strong>Question:</strong> The alliance has six members and NATO has thirty. How can it
weigh as much?</p>
<p><strong>Answer:</strong> The Minister said that numbers were not the only measure, and that
the organisation had long offered NATO a working dialogue that had been turned down.</p>
<blockquote><p>Dialogue remains open to anyone willing to take part in it.</p></blockquote>
""".strip(),
    """
<p>Министры иностранных дел государств — членов Организации Договора о коллективной
безопасности встретились в Ереване и согласовали два документа. В первом организация впервые
своими словами закрепила, что ни одно государство не должно укреплять свою безопасность за счёт
безопасности других. Второй — план консультаций между министерствами иностранных дел и обороны
стран-участниц.</p>
<p>План охватывает повестку Генеральной Ассамблеи ООН, региональные кризисы, информационную
безопасность, подготовку миротворцев и регулярные контакты пресс-служб министерств.</p>
<p><strong>Вопрос:</strong> В ОДКБ шесть государств, а в НАТО — тридцать. Как организация
может уравновесить такой альянс?</p>
<p><strong>Ответ:</strong> Министр сказал, что численность — не единственная мера и что
организация давно предлагает НАТО рабочий диалог, но получает отказ.</p>
<blockquote><p>Мы открыты к диалогу со всеми, кто к нему готов.</p></blockquote>
""".strip(),
)

DEMO_EVENTS = [
    # (date, place, title, teaser, body), each text as (English, Russian); the body says more
    # than the teaser, in other words
    (
        date(2022, 6, 24),
        ("Moscow", "Москва"),
        (
            "Interview with Belarusian state television and radio, Moscow, 23 June 2022",
            "Интервью Белтелерадиокомпании, Москва, 23 июня 2022 года",
        ),
        (
            "The Minister spoke about open competition between cultures and the freedom of "
            "the press.",
            "Министр говорил о честном соперничестве культур и о свободе прессы.",
        ),
        (
            "<p>Speaking to Belarusian state television and radio in Moscow, the Minister argued "
            "that competition between cultures should be open, and that banning broadcasters or "
            "removing politicians from social networks was a sign of fear rather than "
            "strength.</p><p>He also answered questions on relations between Russia and Belarus "
            "and on how the two countries coordinate their foreign policy.</p>",
            "<p>В интервью белорусскому государственному телевидению и радио министр сказал, что "
            "культуры должны соперничать открыто, а запреты на вещание и удаление политиков из "
            "социальных сетей говорят скорее о страхе, чем о силе.</p><p>Он также ответил на "
            "вопросы о российско-белорусских отношениях и о том, как две страны согласуют свою "
            "внешнюю политику.</p>",
        ),
    ),
    (
        date(2022, 6, 23),
        ("Tehran", "Тегеран"),
        (
            "News conference after talks with the Foreign Minister of Iran, Tehran, 23 June 2022",
            "Пресс-конференция по итогам переговоров с министром иностранных дел Ирана, "
            "Тегеран, 23 июня 2022 года",
        ),
        (
            "Two days of talks in Tehran confirmed a shared wish to deepen cooperation in "
            "every field.",
            "Два дня переговоров в Тегеране подтвердили общее желание углублять сотрудничество "
            "во всех областях.",
        ),
        (
            "<p>The visit began with a meeting with the President of Iran and continued with long "
            "talks between the two foreign ministers. Both sides said they would carry out the "
            "agreements their leaders had reached.</p><p>At the news conference the ministers "
            "spoke about trade and transport links and about their countries' positions on "
            "regional security.</p>",
            "<p>Визит начался со встречи с президентом Ирана, затем министры иностранных дел "
            "провели продолжительные переговоры. Стороны заявили, что будут выполнять "
            "договорённости, достигнутые лидерами двух стран.</p><p>На пресс-конференции министры "
            "рассказали о торговых и транспортных связях и о позициях своих стран по вопросам "
            "региональной безопасности.</p>",
        ),
    ),
    (
        date(2022, 6, 22),
        ("Moscow", "Москва"),
        (
            "Excerpt from an interview with Belarusian state television and radio",
            "Фрагмент интервью Белтелерадиокомпании",
        ),
        (
            "A short passage on truthfulness in public statements about the conflict.",
            "Небольшой отрывок о правдивости публичных заявлений о конфликте.",
        ),
        (
            "<p>In this passage from the interview the Minister said that what surprised him was "
            "less the falsehoods heard from Kiev than the readiness of Kiev's foreign sponsors to "
            "repeat them.</p>",
            "<p>В этом фрагменте интервью министр сказал, что его удивляет не столько неправда, "
            "звучащая из Киева, сколько готовность зарубежных покровителей Киева её "
            "повторять.</p>",
        ),
    ),
    (
        date(2022, 6, 17),
        ("St Petersburg", "Санкт-Петербург"),
        (
            "Interview with the BBC, St Petersburg, 16 June 2022",
            "Интервью Би-би-си, Санкт-Петербург, 16 июня 2022 года",
        ),
        (
            "The Minister answered the BBC's questions on the Minsk agreements and Donbass.",
            "Министр ответил на вопросы Би-би-си о Минских соглашениях и Донбассе.",
        ),
        (
            "<p>Asked by the BBC about the aims of the operation, the Minister returned to the "
            "Minsk agreements, which he said had been meant to protect the Russian-speaking "
            "people of Donbass and had never been honoured by Kiev.</p><p>He said that France, "
            "Germany and Britain had told Moscow for years that they could not make Kiev keep its "
            "word.</p>",
            "<p>Отвечая на вопрос Би-би-си о целях операции, министр вернулся к Минским "
            "соглашениям: по его словам, они должны были защитить русских жителей Донбасса, но "
            "Киев их так и не выполнил.</p><p>Он напомнил, что Франция, Германия и Великобритания "
            "годами говорили Москве, что не могут заставить Киев сдержать слово.</p>",
        ),
    ),
    (
        date(2022, 6, 17),
        ("St Petersburg", "Санкт-Петербург"),
        (
            "Interview with the TASS news agency, St Petersburg, 16 June 2022",
            "Интервью информационному агентству ТАСС, Санкт-Петербург, 16 июня 2022 года",
        ),
        (
            "A conversation with TASS about the path to a settlement.",
            "Беседа с ТАСС о том, как может прийти урегулирование.",
        ),
        (
            "<p>In St Petersburg the Minister told TASS that Russia's view of a settlement was "
            "the one the President had set out several times, and that it included the "
            "recognition of the Donetsk and Lugansk People's Republics.</p><p>He added that the "
            "process was under way, though not without difficulty.</p>",
            "<p>В Санкт-Петербурге министр сказал ТАСС, что российское видение урегулирования "
            "совпадает с тем, что неоднократно излагал президент, и включает признание Донецкой и "
            "Луганской народных республик.</p><p>По его словам, этот процесс идёт, хотя и "
            "непросто.</p>",
        ),
    ),
    (
        date(2022, 6, 9),
        ("Ankara", "Анкара"),
        (
            "News conference after talks with the Foreign Minister of Turkey, Ankara, 8 June 2022",
            "Пресс-конференция по итогам переговоров с министром иностранных дел Турции, "
            "Анкара, 8 июня 2022 года",
        ),
        (
            "The ministers described relations between the two neighbours as pragmatic and mature.",
            "Министры назвали отношения двух соседних стран прагматичными и зрелыми.",
        ),
        (
            "<p>After talks in Ankara the two ministers described a partnership built on respect "
            "for each other's interests and on good neighbourliness, with the presidents setting "
            "its tone in regular conversations.</p><p>Questions from journalists turned to "
            "shipping in the Black Sea and to trade between the two countries.</p>",
            "<p>После переговоров в Анкаре министры охарактеризовали партнёрство двух стран как "
            "основанное на уважении интересов друг друга и добрососедстве; тон отношениям задают "
            "президенты, которые регулярно общаются.</p><p>Журналисты спрашивали о судоходстве в "
            "Чёрном море и о торговле между двумя странами.</p>",
        ),
    ),
    (
        date(2022, 5, 18),
        ("Moscow", "Москва"),
        (
            "Meeting with participants of the New Horizons educational marathon, Moscow, "
            "17 May 2022",
            "Встреча с участниками образовательного марафона «Новые горизонты», Москва, "
            "17 мая 2022 года",
        ),
        (
            "Questions from young participants on humanitarian issues and the work of diplomats.",
            "Молодые участники спрашивали о гуманитарных вопросах и о работе дипломатов.",
        ),
        (
            "<p>The Minister met students and young professionals taking part in the New Horizons "
            "marathon and spoke about how humanitarian questions are settled on the ground, "
            "giving as an example the evacuation of wounded soldiers from the Azovstal plant the "
            "day before.</p><p>Much of the conversation was about the diplomatic service as a "
            "career.</p>",
            "<p>Министр встретился со студентами и молодыми специалистами — участниками марафона "
            "«Новые горизонты» — и рассказал, как гуманитарные вопросы решаются на месте, приведя "
            "в пример эвакуацию раненых военных с завода «Азовсталь» накануне.</p><p>Значительная "
            "часть беседы была посвящена дипломатической службе как профессии.</p>",
        ),
    ),
    (
        date(2022, 5, 17),
        ("Moscow", "Москва"),
        (
            "Remarks at the 30th Assembly of the Council on Foreign and Defence Policy, "
            "14 May 2022",
            "Выступление на 30-й Ассамблее Совета по внешней и оборонной политике, "
            "14 мая 2022 года",
        ),
        (
            "On a world that is becoming more diverse and the limits of isolation.",
            "О мире, который становится всё многообразнее, и о том, почему изоляция не удаётся.",
        ),
        (
            "<p>Addressing the Council's anniversary assembly, the Minister said that attempts to "
            "isolate Russia would fail, and that more and more countries outside the West saw the "
            "world becoming more varied.</p><p>He said that many Western experts agreed in "
            "private, though few would say so in public.</p>",
            "<p>Выступая на юбилейной ассамблее Совета, министр заявил, что попытки изолировать "
            "Россию обречены, а всё больше стран за пределами Запада видят, что мир становится "
            "разнообразнее.</p><p>По его словам, многие западные эксперты согласны с этим в "
            "частных беседах, но немногие готовы сказать об этом открыто.</p>",
        ),
    ),
    (
        date(2022, 5, 12),
        ("Muscat", "Маскат"),
        (
            "News conference after talks with the Foreign Minister of Oman, 11 May 2022",
            "Пресс-конференция по итогам переговоров с министром иностранных дел Омана, "
            "11 мая 2022 года",
        ),
        (
            "A day of meetings in Muscat on trade, culture, education and political dialogue.",
            "День встреч в Маскате: торговля, культура, образование и политический диалог.",
        ),
        (
            "<p>The Minister was received by the Sultan of Oman and met the Deputy Prime Minister "
            "before talks with his Omani counterpart.</p><p>The two sides reviewed their "
            "relations as a whole and welcomed the pace of their political dialogue and of "
            "cooperation in trade, the economy, culture and education.</p>",
            "<p>Министра принял султан Омана; состоялась также встреча с заместителем "
            "премьер-министра, после чего прошли переговоры с оманским коллегой.</p><p>Стороны "
            "обсудили весь комплекс отношений и с удовлетворением отметили интенсивный "
            "политический диалог и сотрудничество в торговле, экономике, культуре и "
            "образовании.</p>",
        ),
    ),
    (
        date(2022, 5, 7),
        ("Moscow", "Москва"),
        (
            "Wreath-laying at the Foreign Ministry's memorial plaques, Moscow, 6 May 2022",
            "Возложение венков к мемориальным доскам в здании МИД, Москва, 6 мая 2022 года",
        ),
        (
            "A ceremony ahead of Victory Day in memory of the ministry's staff who fell in "
            "the war.",
            "Церемония накануне Дня Победы в память о сотрудниках министерства, павших на войне.",
        ),
        (
            "<p>As every year before Victory Day, the ministry's staff gathered at the memorial "
            "plaques in its building, and the Minister laid a wreath.</p><p>He spoke of the "
            "diplomats who went to the front and of everyone who gave their lives for the freedom "
            "of their country and of Europe, marking the 77th anniversary of the Victory.</p>",
            "<p>Как и каждый год накануне Дня Победы, сотрудники министерства собрались у "
            "мемориальных досок в его здании, и министр возложил венок.</p><p>Он вспомнил "
            "дипломатов, ушедших на фронт, и всех, кто отдал жизнь за свободу своей страны и "
            "Европы, в год 77-й годовщины Победы.</p>",
        ),
    ),
]


def load_news() -> None:
    Article.objects.create(
        kind=Kind.SPEECH,
        slug="csto-foreign-ministers-yerevan",
        status=Status.PUBLISHED,
        published_at=at(2022, 6, 11),
        delivered_on=date(2022, 6, 10),
        source_url="https://mid.ru/en/foreign_policy/news/1817245/",
        is_featured=True,
        **in_languages(
            title=(
                "Foreign Minister's statement and answers to questions after the CSTO Council "
                "of Foreign Ministers, Yerevan, 10 June 2022",
                "Заявление министра иностранных дел и ответы на вопросы СМИ по итогам заседания "
                "Совета министров иностранных дел ОДКБ, Ереван, 10 июня 2022 года",
            ),
            delivered_at=("Yerevan", "Ереван"),
            lead=(
                "The ministers adopted a statement on security and a plan of consultations.",
                "Министры приняли заявление о безопасности и план консультаций.",
            ),
            body=FEATURED_BODY,
        ),
    )
    for number, (day, place, title, teaser, body) in enumerate(DEMO_EVENTS):
        Event.objects.create(
            slug=slugify(title[0])[:100],
            status=Status.PUBLISHED,
            published_at=at(day.year, day.month, day.day, 9, number),
            starts_on=day,
            **in_languages(
                title=title,
                place=place,
                teaser=teaser,
                body=body,
            ),
        )
