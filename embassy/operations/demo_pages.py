"""The demo's standing pages, as data: the embassy and the ambassador, the history of the
building, the consular section's guidance, the accessibility statement and the privacy notice,
in English and in Russian.

Every sentence is our own; facts come from the reference capture and the rest of the demo
(embassy/operations/demo.py: the consular section's address, numbers and desks). The loader
that turns these into pages lives with the pages; nothing here touches the database.

Bodies are HTML that news.sanitize keeps as it is (external links already carry the rel it
adds), and links go to each language's own addresses (/consular/, /ru/consular/).
The privacy notice states facts that live elsewhere: the language cookie's name and age
(settings), the staff session limits, the versions kept (VERSIONS_KEPT_DAYS), the logs' and
backups' retention (docs/deploy.md); tests/embassy/test_documentation.py holds them together.
"""

from __future__ import annotations

from embassy.pages.demo import DemoPage

# The dates the accessibility statement and the privacy notice were written and last reviewed.
PREPARED = {"en": "30 November 2026", "ru": "30 ноября 2026 года"}

EXTERNAL = 'rel="noopener noreferrer"'


# --- The Embassy --------------------------------------------------------------------------------

EMBASSY = DemoPage(
    slug="embassy",
    title={"en": "The Embassy", "ru": "Посольство"},
    lead={
        "en": "The embassy speaks for its country in the United Kingdom, looks after its "
        "citizens here and explains its country's policy to the British public.",
        "ru": "Посольство представляет свою страну в Соединённом Королевстве, помогает её "
        "гражданам и рассказывает британской публике о внешней политике своей страны.",
    },
    body={
        "en": """
<h2>What the embassy does</h2>
<p>The embassy is the country's diplomatic mission to the United Kingdom. It keeps up contact
with the British government and Parliament, follows events in the country and reports on them
home, and prepares visits, talks and agreements between the two states.</p>
<p>It also works with the people of both countries: the consular section helps citizens who
live in or travel to the United Kingdom, and the press office answers journalists and publishes
the statements, speeches and interviews you find on this website.</p>
<h2>How the embassy is organised</h2>
<ul>
<li><a href="/embassy/ambassador/">The Ambassador</a> heads the mission.</li>
<li>The political section follows British foreign and domestic policy.</li>
<li>The economic section works on trade, investment and transport.</li>
<li>The press office keeps this website and answers the media.</li>
<li><a href="/consular-services/">The consular section</a> issues passports, visas and
documents and helps citizens in difficulty.</li>
</ul>
<h2>Writing to us and visiting</h2>
<p>The embassy's address is 1 Example Gardens, London W8 0AA. Visitors are received by
appointment only; the consular section has its own hours, shown on the
<a href="/consular/">consular page</a>. Journalists write to the press office at
<a href="mailto:press@example.org">press@example.org</a>.</p>
<p>The house itself has a long story: read the <a href="/embassy/history-of-the-building/">history
of the building</a>.</p>
<h2>Following our news</h2>
<p>Every statement, speech and event is listed under <a href="/news/">All messages</a>, and
can be followed by RSS or Atom. The press releases are also listed below.</p>
""".strip(),
        "ru": """
<h2>Чем занимается посольство</h2>
<p>Посольство — дипломатическое представительство страны в Соединённом Королевстве. Оно
поддерживает связи с британским правительством и парламентом, следит за событиями в стране и
сообщает о них в столицу, готовит визиты, переговоры и соглашения между двумя государствами.</p>
<p>Посольство работает и с людьми обеих стран: консульский отдел помогает гражданам, которые
живут в Великобритании или приезжают сюда, а пресс-служба отвечает журналистам и публикует
заявления, выступления и интервью, собранные на этом сайте.</p>
<h2>Как устроено посольство</h2>
<ul>
<li>Миссию возглавляет <a href="/ru/embassy/ambassador/">посол</a>.</li>
<li>Политическая группа следит за внешней и внутренней политикой Великобритании.</li>
<li>Экономическая группа занимается торговлей, инвестициями и транспортом.</li>
<li>Пресс-служба ведёт этот сайт и работает со средствами массовой информации.</li>
<li><a href="/ru/consular-services/">Консульский отдел</a> оформляет паспорта, визы и
документы и помогает гражданам, попавшим в трудное положение.</li>
</ul>
<h2>Как написать нам и прийти к нам</h2>
<p>Адрес посольства: Экзампл-Гарденс, 1, Лондон W8 0AA. Посетителей принимают только по
предварительной договорённости; у консульского отдела свои часы приёма, они указаны на
<a href="/ru/consular/">странице консульского отдела</a>. Журналисты могут писать в
пресс-службу по адресу <a href="mailto:press@example.org">press@example.org</a>.</p>
<p>У самого здания долгая судьба — о ней рассказывает страница
<a href="/ru/embassy/history-of-the-building/">«История здания»</a>.</p>
<h2>Наши новости</h2>
<p>Все заявления, выступления и мероприятия собраны в разделе
<a href="/ru/news/">«Все материалы»</a>, на них можно подписаться по RSS или Atom. Ниже — последние
пресс-релизы.</p>
""".strip(),
    },
    show_in_menu=True,
    lists="press-release",
    children=(
        DemoPage(
            slug="ambassador",
            title={"en": "The Ambassador", "ru": "Посол"},
            lead={
                "en": "The Ambassador heads the embassy and represents the head of state at the "
                "Court of St James's.",
                "ru": "Посол возглавляет посольство и представляет главу государства при "
                "Сент-Джеймсском дворе.",
            },
            body={
                "en": """
<h2>The Ambassador's role</h2>
<p>The Ambassador Extraordinary and Plenipotentiary is the most senior diplomat of the mission
and speaks for the head of state and the government in the United Kingdom. The Ambassador leads
the embassy's work, meets ministers, members of Parliament and public figures, and takes part in
talks between the two countries.</p>
<p>Ambassadors to the United Kingdom are accredited to the Court of St James's. A new Ambassador
first hands a copy of the letters of credence to the Foreign, Commonwealth and Development
Office, then presents the letters themselves to the King at an audience.</p>
<h2>Speeches and interviews</h2>
<p>The Ambassador's statements, interviews and articles are published on this website with the
rest of the embassy's news: see the <a href="/news/?kind=interview">interviews</a> and
<a href="/news/?kind=speech">speeches</a>.</p>
<h2>Writing to the Ambassador</h2>
<p>Invitations and requests for a meeting go to the Ambassador's office by post at
1 Example Gardens, London W8 0AA, or by email to
<a href="mailto:press@example.org">press@example.org</a>. Please write at least three weeks
before the date you have in mind, and say who is inviting, the occasion and the programme.</p>
<p>Questions about passports, visas or documents are answered by the consular section, not by
the Ambassador's office: see <a href="/consular-services/">Consular services</a>.</p>
""".strip(),
                "ru": """
<h2>Роль посла</h2>
<p>Чрезвычайный и Полномочный Посол — старший дипломат миссии; в Соединённом Королевстве он
говорит от имени главы государства и правительства. Посол руководит работой посольства,
встречается с министрами, членами парламента и общественными деятелями, участвует в переговорах
между двумя странами.</p>
<p>Послы в Соединённом Королевстве аккредитуются при Сент-Джеймсском дворе. Новый посол сначала
передаёт копию верительных грамот в Министерство иностранных дел, по делам Содружества и
развития, а затем вручает сами грамоты королю на аудиенции.</p>
<h2>Выступления и интервью</h2>
<p>Заявления, интервью и статьи посла публикуются на этом сайте вместе с остальными новостями
посольства: смотрите <a href="/ru/news/?kind=interview">интервью</a> и
<a href="/ru/news/?kind=speech">выступления</a>.</p>
<h2>Как обратиться к послу</h2>
<p>Приглашения и просьбы о встрече направляйте в секретариат посла по почте
(Экзампл-Гарденс, 1, Лондон W8 0AA) или по электронной почте
<a href="mailto:press@example.org">press@example.org</a>. Пожалуйста, пишите не позднее чем за
три недели до предполагаемой даты и укажите, кто приглашает, по какому поводу и какова
программа.</p>
<p>На вопросы о паспортах, визах и документах отвечает консульский отдел, а не секретариат
посла: см. раздел <a href="/ru/consular-services/">«Консульские услуги»</a>.</p>
""".strip(),
            },
            lists="interview",
        ),
        DemoPage(
            slug="history-of-the-building",
            title={"en": "History of the building", "ru": "История здания"},
            lead={
                "en": "A stucco house of the 1850s that became an embassy a century later.",
                "ru": "Оштукатуренный особняк 1850-х годов, ставший посольством век спустя.",
            },
            body={
                "en": """
<h2>A family house</h2>
<p>The house at 1 Example Gardens was built in the 1850s, when this part of west London was
being laid out in garden squares. Like its neighbours it has a white stucco front, a portico
on two columns and a garden at the back. For its first eighty years it was the home of
merchant families and their servants.</p>
<h2>From home to mission</h2>
<p>During the Second World War the house stood empty, and its windows were boarded up after
bombs fell on the square. The embassy bought it soon after the war, when the mission outgrew
its first offices, and moved in once the roof and the floors had been repaired.</p>
<p>The ground floor's reception rooms became the place for receptions and concerts; the upper
floors became offices. The consular section moved into the former coach house on the side
street, where it still receives visitors.</p>
<h2>Restoration</h2>
<p>The house is a listed building, so every change to it is agreed with the local council.
The most recent restoration cleaned the stucco, rebuilt the original cornices and replaced
the windows with copies of the Victorian ones.</p>
<h2>Visiting</h2>
<p>The embassy is not open to the public, but in some years it opens its reception rooms
during the London open-house weekend in September. Such days are announced on this website
under <a href="/news/events/">Events</a>.</p>
""".strip(),
                "ru": """
<h2>Семейный дом</h2>
<p>Дом № 1 на Экзампл-Гарденс построен в 1850-е годы, когда эту часть западного Лондона
застраивали вокруг садовых скверов. Как и соседние дома, он отличается белым оштукатуренным
фасадом, портиком на двух колоннах и садом во дворе. Первые восемьдесят лет в нём жили
купеческие семьи со своей прислугой.</p>
<h2>От жилого дома к посольству</h2>
<p>Во время Второй мировой войны дом пустовал, а после того как на сквер упали бомбы, его окна
заколотили досками. Вскоре после войны, когда миссии стало тесно в первых помещениях,
посольство купило особняк и переехало в него, как только отремонтировали крышу и
перекрытия.</p>
<p>В парадных залах первого этажа стали проводить приёмы и концерты, верхние этажи отдали под
кабинеты. Консульский отдел разместился в бывшем каретном сарае, выходящем на боковую улицу, —
там он принимает посетителей и сегодня.</p>
<h2>Реставрация</h2>
<p>Особняк внесён в реестр охраняемых зданий, поэтому любые изменения согласуются с местным
советом. Во время последней реставрации очистили штукатурку, восстановили исторические
карнизы и заменили окна точными копиями викторианских.</p>
<h2>Как побывать в здании</h2>
<p>Посольство закрыто для публики, но в некоторые годы открывает парадные залы в сентябре, в
выходные дни открытых дверей лондонских зданий. О таких днях мы сообщаем в разделе
<a href="/ru/news/events/">«Мероприятия»</a>.</p>
""".strip(),
            },
        ),
    ),
)


# --- Consular services --------------------------------------------------------------------------

VISAS = DemoPage(
    slug="visas",
    title={"en": "Visas", "ru": "Визы"},
    lead={
        "en": "Who needs a visa, how to book an appointment, what to bring and how long it takes.",
        "ru": "Кому нужна виза, как записаться на приём, какие документы взять с собой и сколько "
        "ждать.",
    },
    area="consular",
    body={
        "en": """
<h2>Do you need a visa?</h2>
<p>Whether you need a visa depends on your nationality and on the purpose of your trip. Most
visitors who are not citizens need one, whatever the length of their stay. If you are not
sure, write to the visa desk before you buy tickets: we will tell you which visa fits.</p>
<h2>Kinds of visa</h2>
<ul>
<li><strong>Tourist</strong>: a holiday, with a confirmed booking of your accommodation.</li>
<li><strong>Business</strong>: meetings, negotiations or a conference, with an invitation.</li>
<li><strong>Private</strong>: a visit to relatives or friends who invite you.</li>
<li><strong>Study</strong> and <strong>work</strong>: with the documents of the university or
the employer.</li>
<li><strong>Transit</strong>: crossing the country on the way elsewhere.</li>
</ul>
<h2>How to apply</h2>
<ol>
<li>Fill in the visa application form online, print it and sign it.</li>
<li>Book an appointment by email at <a href="mailto:visas@example.org">visas@example.org</a>:
give your name, your nationality and the dates you mean to travel. We reply with a time.</li>
<li>Come at that time with your documents and the printed reply. Applications are received
on weekdays from 09:30 to 12:30.</li>
<li>Collect your passport on the day we give you, or ask for it to be returned by courier.</li>
</ol>
<h2>What to bring</h2>
<ul>
<li>Your passport, valid for at least six months after the visa ends, with two blank pages.</li>
<li>The printed and signed application form.</li>
<li>One recent colour photograph, 3.5 by 4.5 cm, on a light background.</li>
<li>The invitation, or the confirmation of your booking, that matches the kind of visa.</li>
<li>Medical insurance valid for your whole stay.</li>
<li>If you are not a British citizen: proof that you live in the United Kingdom lawfully.</li>
</ul>
<p>Some cases need more (children travelling without a parent, for example); the visa desk
will tell you when you book.</p>
<h2>How long it takes and what it costs</h2>
<p>A visa is usually ready in four to twenty working days, depending on its kind; an urgent
application takes one to three working days, at a higher fee. The fees are in the current
price list, which the visa desk sends with its reply and which hangs in the waiting room.</p>
<p>The latest notices from the consular section, such as closures, are on the
<a href="/consular/">consular page</a>.</p>
""".strip(),
        "ru": """
<h2>Нужна ли вам виза?</h2>
<p>Это зависит от вашего гражданства и цели поездки. Большинству иностранных граждан виза
нужна при любой продолжительности пребывания. Если вы не уверены, напишите в визовый отдел до
покупки билетов — мы подскажем, какая виза вам подходит.</p>
<h2>Виды виз</h2>
<ul>
<li><strong>Туристическая</strong> — для отдыха, при подтверждённом бронировании жилья.</li>
<li><strong>Деловая</strong> — для встреч, переговоров или конференций, по приглашению.</li>
<li><strong>Частная</strong> — для поездки к родственникам или друзьям по их приглашению.</li>
<li><strong>Учебная</strong> и <strong>рабочая</strong> — с документами от учебного заведения
или работодателя.</li>
<li><strong>Транзитная</strong> — для проезда через страну.</li>
</ul>
<h2>Как подать документы</h2>
<ol>
<li>Заполните визовую анкету на сайте, распечатайте и подпишите её.</li>
<li>Запишитесь на приём по электронной почте
<a href="mailto:visas@example.org">visas@example.org</a>: укажите имя, гражданство и даты
предполагаемой поездки. Мы ответим и назначим время.</li>
<li>Приходите в назначенное время с документами и распечаткой нашего ответа. Документы
принимаются по будним дням с 09:30 до 12:30.</li>
<li>Получите паспорт в указанный день или попросите вернуть его курьером.</li>
</ol>
<h2>Какие документы взять с собой</h2>
<ul>
<li>Паспорт, действительный не менее шести месяцев после окончания визы, с двумя чистыми
страницами.</li>
<li>Распечатанную и подписанную анкету.</li>
<li>Одну недавнюю цветную фотографию размером 3,5 × 4,5 см на светлом фоне.</li>
<li>Приглашение или подтверждение бронирования, соответствующее виду визы.</li>
<li>Медицинскую страховку на весь срок пребывания.</li>
<li>Если вы не гражданин Великобритании — документ, подтверждающий законное проживание в
Соединённом Королевстве.</li>
</ul>
<p>В отдельных случаях (например, если ребёнок едет без родителей) понадобятся и другие
документы — об этом вам скажут при записи.</p>
<h2>Сроки и стоимость</h2>
<p>Обычно виза готова через 4–20 рабочих дней в зависимости от её вида; срочное оформление
занимает 1–3 рабочих дня и стоит дороже. Размер сборов указан в действующем прейскуранте:
визовый отдел присылает его вместе с ответом, он также вывешен в зале ожидания.</p>
<p>Последние объявления консульского отдела, например о выходных днях, — на
<a href="/ru/consular/">странице консульского отдела</a>.</p>
""".strip(),
    },
)

PASSPORTS = DemoPage(
    slug="passports",
    title={"en": "Passports", "ru": "Паспорта"},
    lead={
        "en": "Applying for a passport for travel abroad, for adults and children, and what to "
        "do if yours is lost.",
        "ru": "Как оформить заграничный паспорт взрослому и ребёнку и что делать, если паспорт "
        "утерян.",
    },
    area="consular",
    body={
        "en": """
<h2>Who can apply here</h2>
<p>Citizens who live in the United Kingdom, or are staying here for a while, can apply for a
passport for travel abroad at the consular section. Two kinds are issued: the biometric
passport, with a chip, valid for ten years, and the older kind, valid for five.</p>
<h2>How to apply</h2>
<ol>
<li>Fill in the application form online and print it.</li>
<li>Book an appointment with the passport desk by phone or by email at
<a href="mailto:passports@example.org">passports@example.org</a>. The desk receives visitors on
Mondays, Tuesdays and Thursdays, from 09:30 to 12:30 and from 14:00 to 16:00.</li>
<li>Come in person: your fingerprints and photograph are taken for a biometric passport.</li>
</ol>
<h2>What to bring</h2>
<ul>
<li>The printed application form.</li>
<li>Your current or previous passport for travel abroad, and your internal passport if you
have one.</li>
<li>Proof of your address in the United Kingdom, such as a residence permit or a visa.</li>
<li>Two recent photographs, for the older kind of passport.</li>
<li>For a child: the birth certificate and the passport of the parent who applies.</li>
</ul>
<h2>How long it takes and what it costs</h2>
<p>A passport is usually ready in one to four months; applicants who are not registered with
the consular section may have to wait longer. We write when it is ready, and you collect it
in person. The fees are in the current price list, available at the desk and by email.</p>
<h2>A lost or stolen passport</h2>
<p>Report the loss to the police and keep their reference. If you need to travel home
urgently, call the consular section: we can issue a certificate for return, valid for one
journey. Outside office hours, call the emergency line on
<a href="tel:+442079460999">020 7946 0999</a>.</p>
""".strip(),
        "ru": """
<h2>Кто может подать документы</h2>
<p>Граждане, которые живут в Соединённом Королевстве или находятся здесь длительное время,
могут оформить заграничный паспорт в консульском отделе. Выдаются паспорта двух видов:
биометрический, с электронным чипом, сроком на десять лет, и паспорт старого образца — на
пять лет.</p>
<h2>Как подать документы</h2>
<ol>
<li>Заполните анкету на сайте и распечатайте её.</li>
<li>Запишитесь на приём в паспортную группу по телефону или по электронной почте
<a href="mailto:passports@example.org">passports@example.org</a>. Приём ведётся по
понедельникам, вторникам и четвергам с 09:30 до 12:30 и с 14:00 до 16:00.</li>
<li>Приходите лично: для биометрического паспорта у вас снимут отпечатки пальцев и
сфотографируют.</li>
</ol>
<h2>Какие документы взять с собой</h2>
<ul>
<li>Распечатанную анкету.</li>
<li>Действующий или прежний заграничный паспорт, а также внутренний паспорт, если он у вас
есть.</li>
<li>Документ о проживании в Великобритании — например, вид на жительство или визу.</li>
<li>Две недавние фотографии — для паспорта старого образца.</li>
<li>Для ребёнка — свидетельство о рождении и паспорт родителя, который подаёт документы.</li>
</ul>
<h2>Сроки и стоимость</h2>
<p>Обычно паспорт готов через один–четыре месяца; тем, кто не состоит на консульском учёте,
возможно, придётся ждать дольше. Когда паспорт будет готов, мы сообщим, и вы получите его
лично. Размер сборов указан в действующем прейскуранте — его можно получить в окне приёма или
по электронной почте.</p>
<h2>Если паспорт утерян или украден</h2>
<p>Заявите о пропаже в полицию и сохраните номер заявления. Если вам нужно срочно вернуться на
родину, позвоните в консульский отдел: мы можем выдать свидетельство на возвращение,
действительное для одной поездки. В нерабочее время звоните по телефону экстренной помощи
<a href="tel:+442079460999">020 7946 0999</a>.</p>
""".strip(),
    },
)

CERTIFICATES = DemoPage(
    slug="certificates-and-legalisation",
    title={"en": "Certificates and legalisation", "ru": "Справки и легализация документов"},
    lead={
        "en": "Certifying signatures, copies and translations, obtaining documents from home, "
        "and using British documents abroad.",
        "ru": "Свидетельствование подписей, копий и переводов, истребование документов с "
        "родины и использование британских документов за рубежом.",
    },
    area="consular",
    body={
        "en": f"""
<h2>Certificates and notarial acts</h2>
<p>The consular section can certify for use at home:</p>
<ul>
<li>your signature on a power of attorney, a consent or an application;</li>
<li>a copy of a document, against the original;</li>
<li>a translation into or out of the official language, done by us or by a translator whose
signature we certify.</li>
</ul>
<p>It can also ask the registry offices at home for a copy of a birth, marriage or death
certificate, or other documents, and hand it to you here.</p>
<h2>Using British documents abroad</h2>
<p>Both countries are parties to the Hague Convention of 1961, which replaced the legalisation
of public documents with a single certificate, the apostille. A British public document (a
birth certificate, a court order, a university diploma) therefore usually needs an apostille
from the Legalisation Office of the Foreign, Commonwealth and Development Office, not a stamp
from us. See <a href="https://www.gov.uk/get-document-legalised" {EXTERNAL}>Get your document
legalised</a> on GOV.UK.</p>
<p>The document then needs a certified translation, which we can make or certify. Ask us
before you send anything if you are unsure what your document needs.</p>
<h2>What to bring</h2>
<ul>
<li>Your passport.</li>
<li>The original documents, and the copies or drafts to be certified.</li>
<li>For a power of attorney: the full names, dates of birth and passport details of everyone
it names.</li>
</ul>
<h2>How long it takes and what it costs</h2>
<p>Most signatures and copies are certified on the day of the appointment; translations take
up to ten working days, and documents requested from home take from one to three months. The
fees are in the current price list. Book an appointment with the consular queries line on
<a href="tel:+442079460321">020 7946 0321</a> or at
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
""".strip(),
        "ru": f"""
<h2>Справки и нотариальные действия</h2>
<p>Консульский отдел может засвидетельствовать для представления на родине:</p>
<ul>
<li>подлинность вашей подписи на доверенности, согласии или заявлении;</li>
<li>верность копии документа с подлинником;</li>
<li>перевод на государственный язык или с него — выполненный нами или переводчиком, подпись
которого мы свидетельствуем.</li>
</ul>
<p>Кроме того, мы можем запросить в органах загса на родине повторное свидетельство о рождении,
браке или смерти либо другие документы и выдать их вам здесь.</p>
<h2>Британские документы для использования за рубежом</h2>
<p>Обе страны участвуют в Гаагской конвенции 1961 года, которая заменила легализацию
официальных документов единым удостоверением — апостилем. Поэтому британскому официальному
документу (свидетельству о рождении, решению суда, диплому) обычно нужен апостиль
Управления легализации Министерства иностранных дел, по делам Содружества и развития, а не
наша печать. Подробнее об этом — на
<a href="https://www.gov.uk/get-document-legalised" {EXTERNAL}>британском государственном
портале</a> (на английском языке).</p>
<p>После этого документу нужен заверенный перевод — мы можем сделать его или
засвидетельствовать. Если вы не знаете, что требуется для вашего документа, спросите нас, прежде
чем что-либо отправлять.</p>
<h2>Какие документы взять с собой</h2>
<ul>
<li>Паспорт.</li>
<li>Подлинники документов, а также копии или проекты, которые нужно засвидетельствовать.</li>
<li>Для доверенности — полные имена, даты рождения и паспортные данные всех, кто в ней
упомянут.</li>
</ul>
<h2>Сроки и стоимость</h2>
<p>Большинство подписей и копий свидетельствуется в день приёма; перевод занимает до десяти
рабочих дней, а истребование документов с родины — от одного до трёх месяцев. Размер сборов
указан в действующем прейскуранте. Записаться на приём можно по телефону консульских справок
<a href="tel:+442079460321">020 7946 0321</a> или по адресу
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
""".strip(),
    },
)

CONSULAR_SERVICES = DemoPage(
    slug="consular-services",
    title={"en": "Consular services", "ru": "Консульские услуги"},
    lead={
        "en": "The consular section helps citizens living in or visiting the United Kingdom and "
        "issues visas to those who travel to our country.",
        "ru": "Консульский отдел помогает гражданам, которые живут в Великобритании или "
        "приезжают сюда, и оформляет визы тем, кто едет в нашу страну.",
    },
    area="consular",
    lists="consular-notices",
    body={
        "en": """
<h2>Before you come</h2>
<p>Visitors are received by appointment only. Book by email or on the consular queries line,
and bring the printed reply with your documents. The hours of each desk, and any change to
them, are on the <a href="/consular/">consular page</a>; current notices are listed below.</p>
<h2>What we can help with</h2>
<ul>
<li><a href="/consular-services/visas/">Visas</a> for foreign citizens travelling to our
country.</li>
<li><a href="/consular-services/passports/">Passports</a> for travel abroad, for adults and
children.</li>
<li><a href="/consular-services/certificates-and-legalisation/">Certificates and
legalisation</a>: signatures, copies and translations certified, documents obtained from
home.</li>
<li>Registering citizens who live in the United Kingdom, and registering births and
marriages.</li>
</ul>
<h2>Fees and payment</h2>
<p>Fees depend on the service and on how quickly you need it: see the current price list,
available at the reception and sent on request. Payment is by bank card at the desk.</p>
<h2>In an emergency</h2>
<p>If you are one of our citizens and in distress (arrested, seriously ill, bereaved, or
without a passport on the eve of a journey), call the emergency line on
<a href="tel:+442079460999">020 7946 0999</a> at any hour. Other questions go to the consular
queries line on <a href="tel:+442079460321">020 7946 0321</a> or to
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
""".strip(),
        "ru": """
<h2>Перед визитом</h2>
<p>Посетителей принимают только по предварительной записи. Запишитесь по электронной почте или
по телефону консульских справок и возьмите с собой вместе с документами распечатку нашего
ответа. Часы работы каждого окна и их изменения указаны на
<a href="/ru/consular/">странице консульского отдела</a>, действующие объявления — ниже.</p>
<h2>Чем мы можем помочь</h2>
<ul>
<li><a href="/ru/consular-services/visas/">Визы</a> для иностранных граждан, которые едут в
нашу страну.</li>
<li><a href="/ru/consular-services/passports/">Заграничные паспорта</a> для взрослых и
детей.</li>
<li><a href="/ru/consular-services/certificates-and-legalisation/">Справки и легализация</a>:
свидетельствование подписей, копий и переводов, истребование документов с родины.</li>
<li>Консульский учёт граждан, живущих в Великобритании, регистрация рождений и браков.</li>
</ul>
<h2>Сборы и оплата</h2>
<p>Размер сбора зависит от услуги и от срочности: смотрите действующий прейскурант — его можно
получить в приёмной или запросить по почте. Оплата принимается банковской картой в окне
приёма.</p>
<h2>В экстренных случаях</h2>
<p>Если вы гражданин нашей страны и попали в беду (задержаны, тяжело заболели, потеряли близкого или
остались без паспорта накануне поездки), звоните круглосуточно по телефону экстренной помощи
<a href="tel:+442079460999">020 7946 0999</a>. С остальными вопросами обращайтесь по телефону
консульских справок <a href="tel:+442079460321">020 7946 0321</a> или пишите на
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
""".strip(),
    },
    children=(VISAS, PASSPORTS, CERTIFICATES),
)


# --- The accessibility statement ----------------------------------------------------------------

ACCESSIBILITY = DemoPage(
    slug="accessibility",
    title={"en": "Accessibility statement", "ru": "Заявление о доступности"},
    lead={
        "en": "How accessible this website is, what we know falls short, and how to tell us "
        "about a problem.",
        "ru": "Насколько доступен этот сайт, что пока не соответствует требованиям и как "
        "сообщить нам о проблеме.",
    },
    purpose="accessibility",
    body={
        "en": f"""
<p>This statement covers this website, in English and in Russian, and the administration pages
the embassy's staff use to publish it.</p>
<h2>Using this website</h2>
<p>We want as many people as possible to be able to use this website. You should be able
to:</p>
<ul>
<li>change colours, contrast and fonts in your browser, and zoom in to 400% without text
spilling off the screen;</li>
<li>use every page with a keyboard alone, starting with a link that skips to the main
content;</li>
<li>use a screen reader: every page declares its language, marks passages in the other
language as such, and has headings and named regions;</li>
<li>print a page: its date line and day counters print with it, and each link's address is
printed once.</li>
</ul>
<h2>Compliance status</h2>
<p>This website is <strong>partially compliant</strong> with the Web Content Accessibility
Guidelines version 2.2 (WCAG 2.2), level AA, because of the problems listed below.</p>
<h2>What is not accessible</h2>
<h3>Content</h3>
<ul>
<li>Pictures are described by the text the press office writes for them. A picture published
without a useful description fails success criterion 1.1.1 (non-text content).</li>
<li>Some items link to documents and pages on other websites, such as full transcripts on the
ministry's website, and some of those are PDF files. We cannot vouch for their accessibility.</li>
</ul>
<h3>Administration pages</h3>
<ul>
<li>The calendar and clock pop-ups beside the date and time fields of the publishing forms
come with Django's administration and are hard to use with a screen reader (success criterion
4.1.2). Typing the date and the time into their inputs, which are each named, works.</li>
</ul>
<p>We aim to replace these pop-ups before this statement is next reviewed.</p>
<h2>How we tested this website</h2>
<p>Each time the website's code changes, automated tests open every public page and every
administration screen we have added in a real browser, in English and in Russian, and check it
with axe-core against the WCAG 2.2 A and AA rules it can test. A change that brings a failure
is not accepted.</p>
<p>Automated checks find only some problems, so we also went through the public pages and the
publishing journey with the keyboard alone, checked the pages on a phone-sized screen, and
checked how pages print. We have not yet tested the website with people who use screen readers
or other assistive technology; we plan to.</p>
<h2>Feedback and contact information</h2>
<p>If you find a problem that is not listed here, or need something on this website in another
format, tell us:</p>
<ul>
<li>by email: <a href="mailto:consular@example.org">consular@example.org</a></li>
<li>by phone: <a href="tel:+442079460321">020 7946 0321</a></li>
<li>by post: Consular Section, 1 Example Gardens, London W8 0AA</li>
</ul>
<p>We aim to reply within ten working days.</p>
<h2>Enforcement procedure</h2>
<p>In the United Kingdom, the Equality and Human Rights Commission (EHRC) enforces the
accessibility regulations for public sector websites (the Public Sector Bodies (Websites and
Mobile Applications) (No. 2) Accessibility Regulations 2018). If you are not happy with our
answer to a complaint, contact the
<a href="https://www.equalityadvisoryservice.com/" {EXTERNAL}>Equality Advisory and Support
Service (EASS)</a>.</p>
<h2>Preparation of this statement</h2>
<p>This statement was prepared on {PREPARED["en"]} and last reviewed on {PREPARED["en"]}. The
website was last tested on {PREPARED["en"]}, by the automated tests and the manual checks
described above.</p>
""".strip(),
        "ru": f"""
<p>Это заявление относится к сайту на английском и русском языках, а также к страницам
администрирования, через которые сотрудники посольства его ведут.</p>
<h2>Как пользоваться сайтом</h2>
<p>Мы хотим, чтобы сайтом могли пользоваться как можно больше людей. У вас должна быть
возможность:</p>
<ul>
<li>менять цвета, контрастность и шрифты в браузере и увеличивать масштаб до 400% так, чтобы
текст не выходил за пределы экрана;</li>
<li>пользоваться любой страницей только с клавиатуры — первая ссылка на странице ведёт сразу к
основному содержанию;</li>
<li>пользоваться программой экранного доступа: на каждой странице указан её язык, фрагменты на
другом языке размечены, есть заголовки и именованные области;</li>
<li>распечатать страницу: строка с датой и счётчики дней печатаются вместе с ней, а адрес
каждой ссылки выводится один раз.</li>
</ul>
<h2>Степень соответствия</h2>
<p>Сайт <strong>частично соответствует</strong> Руководству по обеспечению доступности
веб-контента версии 2.2 (WCAG 2.2) на уровне AA из-за проблем, перечисленных ниже.</p>
<h2>Что пока недоступно</h2>
<h3>Содержание</h3>
<ul>
<li>Изображения описывает текст, который пишет для них пресс-служба. Изображение, опубликованное
без внятного описания, не соответствует критерию 1.1.1 (нетекстовое содержимое).</li>
<li>Некоторые материалы ссылаются на документы и страницы других сайтов, например на полные
стенограммы на сайте министерства, в том числе на файлы документов для печати. За их
доступность мы ручаться не можем.</li>
</ul>
<h3>Страницы администрирования</h3>
<ul>
<li>Всплывающими календарём и часами рядом с полями даты и времени в формах публикации,
которые входят в стандартную систему администрирования Django, трудно пользоваться с
программой экранного доступа (критерий 4.1.2). Ввести дату и время в сами поля, у каждого из
которых есть своё имя, можно.</li>
</ul>
<p>Мы намерены заменить эти всплывающие окна до следующего пересмотра этого заявления.</p>
<h2>Как мы проверяли сайт</h2>
<p>При каждом изменении кода сайта автоматические тесты открывают в настоящем браузере все
публичные страницы и все добавленные нами экраны администрирования — на английском и на
русском — и проверяют их автоматическим анализатором доступности по тем правилам WCAG 2.2
уровней A и AA, которые поддаются автоматической проверке. Изменение, из-за которого проверка не
проходит, не принимается.</p>
<p>Автоматические проверки находят лишь часть проблем, поэтому мы также прошли публичные
страницы и весь путь публикации материала только с клавиатуры, проверили страницы на экране
размером с телефон и посмотрели, как они печатаются. С людьми, которые пользуются программами
экранного доступа и другими вспомогательными технологиями, сайт пока не проверялся; мы
планируем это сделать.</p>
<h2>Обратная связь и контакты</h2>
<p>Если вы обнаружили проблему, которой нет в этом списке, или вам нужны материалы сайта в
другом формате, сообщите нам:</p>
<ul>
<li>по электронной почте: <a href="mailto:consular@example.org">consular@example.org</a></li>
<li>по телефону: <a href="tel:+442079460321">020 7946 0321</a></li>
<li>по почте: Консульский отдел, Экзампл-Гарденс, 1, Лондон W8 0AA</li>
</ul>
<p>Мы стараемся отвечать в течение десяти рабочих дней.</p>
<h2>Порядок обжалования</h2>
<p>В Соединённом Королевстве за соблюдением Правил о доступности сайтов и мобильных
приложений организаций государственного сектора 2018 года следит Комиссия по вопросам
равенства и прав человека. Если наш ответ на жалобу вас не устроил, обратитесь в
<a href="https://www.equalityadvisoryservice.com/" {EXTERNAL}>Службу консультаций и поддержки
по вопросам равенства</a>.</p>
<h2>Подготовка заявления</h2>
<p>Заявление подготовлено {PREPARED["ru"]} и в последний раз пересмотрено {PREPARED["ru"]}.
Последняя проверка сайта — автоматическими тестами и вручную, как описано выше, — проведена
{PREPARED["ru"]}.</p>
""".strip(),
    },
)


# --- The privacy notice -------------------------------------------------------------------------

PRIVACY = DemoPage(
    slug="privacy",
    title={"en": "Privacy notice", "ru": "Политика конфиденциальности"},
    lead={
        "en": "What this website keeps about the people who read it and the staff who publish "
        "it, for how long, and whom to ask about it.",
        "ru": "Какие сведения сайт хранит о читателях и о сотрудниках, которые его ведут, как "
        "долго и к кому обращаться с вопросами.",
    },
    purpose="privacy",
    body={
        "en": f"""
<h2>Who is responsible</h2>
<p>The embassy runs this website and decides what it keeps. Questions about your data go to
the consular section, 1 Example Gardens, London W8 0AA, or to
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
<h2>If you read this website</h2>
<p>The website has no analytics, no advertising and no tracking of any kind. It loads nothing
from other websites (no fonts, scripts, maps or videos), so nobody else learns that you
visited it.</p>
<h3>The language cookie</h3>
<p>The website sets one cookie for its readers, and only when you choose a language with the
switcher at the top of a page. It is called <strong>django_language</strong> and holds the
code of the language you chose (<em>en</em> or <em>ru</em>), nothing else, so that the site
opens in that language next time. Your browser keeps it for one year (365 days); you can
delete it sooner. It is sent only to this website, over encrypted connections, and scripts
cannot read it.</p>
<p>Readers get no other cookie: the website gives them no session, and the search works
without one.</p>
<h3>Server logs</h3>
<p>Our servers note every request they answer. The web server that receives your connection
(nginx) writes your IP address, the time, the address you asked for (including any words you
searched for), the status and size of the answer, the page that linked to it and the name of
your browser. The application servers (gunicorn) write the same, with the time the answer
took, but with our own server's address instead of yours. Errors are noted with the address
of the page that caused them.</p>
<p>We use these logs only to keep the website working and safe: to find faults and to
recognise attacks. They are deleted after 14 days. To keep searches and logins from being
flooded, the web server also counts the requests of each IP address, in memory only, never on
disk.</p>
<h2>If you work on this website</h2>
<ul>
<li><strong>Your account</strong>: your user name, name, email address and groups, and your
password, stored only as a salted hash.</li>
<li><strong>Sessions</strong>: logging in gives your browser a session cookie
(<em>sessionid</em>), and the login form a cookie that protects forms (<em>csrftoken</em>). A
session ends after 30 minutes without a request, and 8 hours after you logged in however busy
you are; it is kept in the database until then.</li>
<li><strong>Login attempts</strong>: each failed login is recorded with the user name, the IP
address, the browser and the time. After 5 failures for one account from one address, that
account is locked from there for 15 minutes. Failures are forgotten when a login succeeds.
Successful logins are recorded with the same details and kept until an administrator deletes
them.</li>
<li><strong>Second factor</strong>: for an authenticator app, the secret it shares with the
website; for a passkey or security key, its public key and name (fingerprints and faces never
leave your device); and your recovery codes, until they are used or replaced.</li>
<li><strong>History of changes</strong>: the administration's history records who changed
what and when. Each saved version of an article, event, notice or other item keeps who saved
it and when, and is deleted after 365 days, except the latest version of each item.</li>
</ul>
<p>Backups hold all of this except sessions and login attempts; they are kept for 30 days.</p>
<h2>Your rights</h2>
<p>You can ask us what we hold about you, ask us to correct it, or ask us to delete what we
do not need to keep. Write to <a href="mailto:consular@example.org">consular@example.org</a>;
we aim to answer within one month.</p>
<h2>Changes to this notice</h2>
<p>This notice was last updated on {PREPARED["en"]}. When what the website keeps changes, we
change this notice and its date.</p>
""".strip(),
        "ru": f"""
<h2>Кто отвечает за данные</h2>
<p>Сайт ведёт посольство, и оно решает, что на нём хранится. С вопросами о ваших данных
обращайтесь в консульский отдел: Экзампл-Гарденс, 1, Лондон W8 0AA, или по адресу
<a href="mailto:consular@example.org">consular@example.org</a>.</p>
<h2>Если вы читаете сайт</h2>
<p>На сайте нет веб-аналитики, рекламы и какого-либо отслеживания. Он ничего не загружает с
других сайтов (ни шрифтов, ни скриптов, ни карт, ни видео), поэтому никто посторонний не
узнаёт о вашем посещении.</p>
<h3>Файл cookie с языком</h3>
<p>Сайт устанавливает читателям только один файл cookie, и лишь тогда, когда вы выбираете язык
переключателем в верхней части страницы. Он называется <strong>django_language</strong> и
содержит только код выбранного языка, чтобы в следующий раз сайт
открылся на нём. Браузер хранит этот файл один год (365 дней); вы можете удалить его раньше.
Он передаётся только этому сайту и только по зашифрованному соединению, а скрипты не могут его
прочитать.</p>
<p>Других файлов cookie читатели не получают: сеанс им не открывается, а поиск работает без
него.</p>
<h3>Журналы серверов</h3>
<p>Наши серверы записывают каждый запрос, на который отвечают. Веб-сервер, принимающий ваше
соединение, записывает ваш IP-адрес, время, запрошенный адрес (включая слова, которые
вы искали), код и размер ответа, страницу, с которой вы пришли, и название вашего браузера.
Серверы приложения записывают то же самое и время ответа, но вместо вашего адреса —
адрес нашего собственного сервера. Ошибки записываются вместе с адресом страницы, на которой
они произошли.</p>
<p>Мы используем эти журналы только для того, чтобы сайт работал исправно и безопасно: чтобы
находить неполадки и распознавать атаки. Они удаляются через 14 дней. Чтобы поиск и вход не
завалили запросами, веб-сервер также подсчитывает запросы с каждого IP-адреса — только в
оперативной памяти, не записывая их на диск.</p>
<h2>Если вы работаете с сайтом</h2>
<ul>
<li><strong>Учётная запись</strong>: имя пользователя, имя, адрес электронной почты, группы и
пароль — только в виде хеша с солью.</li>
<li><strong>Сеансы</strong>: при входе браузер получает файл cookie сеанса
(<em>sessionid</em>), а форма входа — файл cookie для защиты форм (<em>csrftoken</em>). Сеанс
завершается через 30 минут без запросов и через 8 часов после входа, даже если вы всё это время
работали; до тех пор он хранится в базе данных.</li>
<li><strong>Попытки входа</strong>: каждая неудачная попытка записывается с именем пользователя,
IP-адресом, браузером и временем. После 5 неудач для одной учётной записи с одного адреса вход
в неё с этого адреса блокируется на 15 минут. После успешного входа неудачные попытки
забываются. Успешные входы записываются с теми же сведениями и хранятся, пока их не удалит
администратор.</li>
<li><strong>Второй фактор</strong>: для приложения-аутентификатора — секрет, общий с сайтом;
для ключа доступа или электронного ключа — его открытый ключ и название (отпечатки пальцев и
изображение лица никогда не покидают ваше устройство); а также резервные коды — пока они не
использованы или не заменены.</li>
<li><strong>История изменений</strong>: журнал администрирования хранит, кто, что и когда
изменил. Каждая сохранённая версия статьи, мероприятия, объявления или другого материала
хранит, кто и когда её сохранил, и удаляется через 365 дней — кроме последней версии каждого
материала.</li>
</ul>
<p>Резервные копии содержат всё перечисленное, кроме сеансов и попыток входа; они хранятся
30 дней.</p>
<h2>Ваши права</h2>
<p>Вы можете узнать, какие сведения о вас у нас есть, попросить их исправить или удалить то,
что нам не нужно хранить. Пишите на <a href="mailto:consular@example.org">consular@example.org</a>;
мы стараемся отвечать в течение месяца.</p>
<h2>Изменения</h2>
<p>Последняя редакция — от {PREPARED["ru"]}. Когда меняется состав хранимых сведений, мы
обновляем этот текст и его дату.</p>
""".strip(),
    },
)


PAGES: tuple[DemoPage, ...] = (EMBASSY, CONSULAR_SERVICES, ACCESSIBILITY, PRIVACY)
