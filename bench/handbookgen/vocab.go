package handbookgen

// The word lists below are read-only tables. Every phrase is plain NHS
// governance English: lower case unless it is a proper name, no colons
// (front matter stays plain YAML) and no braces (nothing looks like a
// handbook variable).

// areas name top-level sections of a handbook.
var areas = []string{
	"about the role", "patient safety", "governance", "committees", "induction",
	"training", "policies", "incident response", "learning from events",
	"safeguarding", "risk management", "quality improvement", "patient experience",
	"clinical audit", "information governance", "equality and inclusion",
	"wellbeing", "speaking up", "complaints", "medicines", "infection prevention",
	"health and safety", "workforce", "digital services", "research", "maternity",
	"mental health", "community services", "urgent and emergency care", "surgery",
	"children and young people", "end of life care", "volunteering", "partnerships",
	"communications", "finance and expenses", "legal services", "data and reporting",
	"accessibility", "working with patients", "board and assurance", "staff networks",
	"estates and facilities", "outpatients", "diagnostics", "pharmacy", "therapies",
	"critical care", "cancer services", "frailty", "learning disabilities",
	"discharge", "theatres", "nursing", "midwifery", "medical education",
	"occupational health", "resilience", "sustainability", "career development",
	"recognition and rewards", "getting started", "ways of working",
}

// subjects are topics that read well after "about", "on" or "for".
var subjects = []string{
	"incident reporting", "falls prevention", "pressure ulcer prevention",
	"medicines safety", "deteriorating patients", "sepsis screening",
	"safer staffing", "patient handover", "discharge planning",
	"infection prevention", "hand hygiene", "duty of candour",
	"learning responses", "after action reviews", "safety huddles",
	"thematic reviews", "complaints handling", "patient feedback", "clinical audit",
	"risk registers", "board assurance", "quality accounts", "mandatory training",
	"appraisals", "clinical supervision", "lone working", "manual handling",
	"fire safety", "record keeping", "confidentiality", "data protection",
	"consent", "mental capacity", "safeguarding adults", "safeguarding children",
	"reasonable adjustments", "interpreting services", "carer support",
	"volunteer roles", "expenses claims", "recruitment", "peer support",
	"staff wellbeing", "speaking up", "escalation routes", "ward visits",
	"safety walkabouts", "co-production", "patient panels", "service changes",
	"policy reviews", "document control", "governance reporting",
	"committee papers", "action logs", "annual planning", "health inequalities",
	"medical devices", "blood transfusion", "maternity safety", "diagnostic delays",
	"outpatient follow up", "learning from deaths", "mortality reviews",
	"never events", "safety alerts", "patient identification",
	"nutrition and hydration", "delirium care", "dementia care",
	"violence reduction", "restrictive practice", "observation levels",
	"transfers of care", "digital records", "electronic prescribing",
	"research governance", "patient involvement", "shared decision making",
	"family liaison", "bereavement support", "staff induction", "partner induction",
	"role descriptions", "meeting preparation", "minute taking", "safety culture",
	"human factors", "systems thinking", "measurement for improvement",
	"improvement projects", "patient stories", "accessible information",
	"translation requests", "patient leaflets", "waiting list safety",
	"theatre safety", "surgical checklists", "oxygen safety", "ligature risks",
	"suicide prevention", "allergy recording", "insulin safety", "anticoagulation",
	"controlled drugs", "pain management", "PSP recruitment", "PSP payments",
	"NHS mail accounts",
}

// docTypes are kinds of document a page can be. A page is named after a
// subject, a document type, or both ("falls-prevention-action-plan").
var docTypes = []string{
	"overview", "guidance", "checklist", "action plan", "annual report", "policy",
	"procedure", "quick guide", "case studies", "lessons learned", "summary",
	"toolkit", "review process", "audit findings", "improvement plan", "briefing",
	"escalation guide", "timeline", "evaluation", "key terms", "decision log",
	"risk assessment", "workshop notes", "newsletter", "dashboard", "contacts",
	"meeting schedule", "reporting template", "training plan", "standards",
	"principles", "roles and responsibilities", "frequently asked questions",
	"terms of reference", "welcome pack", "induction checklist",
}

// standaloneDocTypes may name a page on their own, the page's topic then
// being its section's.
var standaloneDocTypes = []string{
	"overview", "contacts", "key terms", "frequently asked questions",
	"roles and responsibilities", "terms of reference", "meeting schedule",
	"welcome pack", "timeline", "newsletter", "annual report", "action plan",
	"lessons learned", "case studies", "principles", "standards",
}

// acronyms are written in capitals wherever they appear.
var acronyms = map[string]string{"nhs": "NHS", "psp": "PSP"}

// leafTitleForms vary page titles; %s is the page's phrase in lower case
// and %S the same phrase in sentence case.
var leafTitleForms = []string{
	"About %s", "%S explained", "A guide to %s", "%S for new starters",
	"%S in practice", "%S (summary)", "%S, step by step", "How we manage %s",
	"Your guide to %s", "%S at a glance",
}

// rootTitles title the home page.
var rootTitles = []string{
	"Welcome to the handbook", "Welcome", "About this handbook", "Start here",
}

// descriptionForms describe a page; %s is its topic.
var descriptionForms = []string{
	"What you need to know about %s, who to contact and where to find help.",
	"Guidance for staff and partners on %s.",
	"A short guide to %s for new starters.",
	"The steps we follow for %s, from first report to shared learning.",
	"How the trust approaches %s and what we expect from you.",
	"Who is responsible for %s and how decisions are made.",
	"Practical advice on %s for partners, staff and managers.",
	"How work on %s fits with the rest of our patient safety work.",
	"The main points about %s in plain English.",
	"Where to start with %s, and who can help if you get stuck.",
}

// owners are job titles that own pages.
var owners = []string{
	"Patient Safety Specialist", "Head of Governance", "Director of Nursing",
	"Medical Director", "Freedom to Speak Up Guardian", "Head of Patient Experience",
	"Clinical Governance Manager", "Deputy Chief Nurse", "Risk Manager",
	"Learning and Development Lead", "Quality Improvement Lead", "Company Secretary",
	"Information Governance Manager", "Safeguarding Lead", "Chief Pharmacist",
	"Head of Workforce", "Patient Safety Partner Lead", "Associate Director of Quality",
}

// people fill {P}: someone the reader can turn to.
var people = []string{
	"your sponsor", "the Patient Safety Specialist", "the ward manager",
	"the governance team", "the matron on duty", "your line manager",
	"the Freedom to Speak Up Guardian", "the clinical lead", "the patient safety team",
	"the chair of the group", "the Head of Patient Experience",
	"the learning and development team", "the divisional quality lead",
	"the safeguarding team",
}

// groups fill {G}: committees and meetings.
var groups = []string{
	"the Patient Safety Committee", "the Quality Committee", "the Patient Safety Group",
	"the divisional governance group", "the trust board", "the learning forum",
	"the Patient Experience Group", "the Clinical Effectiveness Group",
	"the Safeguarding Committee", "the Medicines Safety Group",
	"the Falls Steering Group", "the Mortality Review Group",
}

// whens fill {W}: timescales.
var whens = []string{
	"within 5 working days", "every month", "each quarter", "before the next meeting",
	"within 2 weeks", "at least once a year", "by the end of the month",
	"within 48 hours", "every 6 months", "as soon as you can",
}

// frequencies fill {F}: how often a group meets.
var frequencies = []string{
	"every month", "every 2 months", "each quarter", "twice a year", "every week",
}

// audiences fill {X}: the people a change is for.
var audiencesText = []string{
	"patients and families", "staff on the ward", "Patient Safety Partners", "carers",
	"the wider team", "new starters", "service users", "frontline teams",
	"local communities", "the people who use our services",
}

// docs fill {D}: documents.
var docs = []string{
	"the action log", "the incident report", "the terms of reference",
	"the risk register", "the meeting minutes", "the learning summary",
	"the safety improvement plan", "the training record", "the expenses form",
	"the role description", "the induction checklist", "the quarterly report",
	"the meeting papers",
}

// durations fill {DUR}.
var durations = []string{"an hour", "90 minutes", "2 hours", "half a day", "a full day"}

// codeNames fill {C}: file names shown as inline code.
var codeNames = []string{
	"incident-notes.docx", "action-log.xlsx", "expenses-claim.pdf",
	"meeting-papers.zip", "induction-checklist.docx", "learning-summary.pdf",
	"risk-register.xlsx", "terms-of-reference.docx",
}

// sentences are paragraph sentences. Slots: {T} topic, {P} person,
// {G} group, {W} timescale, {F} frequency, {X} audience, {D} document,
// {N} and {M} numbers, {DUR} duration. The first letter is capitalised
// when the sentence is used.
var sentences = []string{
	"{P} leads work on {T} and reports to {G} {W}.",
	"Read {D} before you join any discussion about {T}.",
	"If you are not sure what to do, ask {P}.",
	"We look at {T} {W} so that learning is shared quickly.",
	"The aim is to make care safer for {X}, not to find someone to blame.",
	"Most questions about {T} can be answered by {P}.",
	"Write down what happened, when it happened and who was involved.",
	"Keep a short note of any actions and send it to {P} {W}.",
	"{G} looks for themes across many events rather than single cases.",
	"This page explains how we approach {T} and what we expect from you.",
	"You do not need to be an expert in {T} to take part.",
	"Partners bring the view of {X} to conversations about {T}.",
	"Anyone can raise a concern about {T} at any time, in person or in writing.",
	"Every new report is read by {P} {W}.",
	"Actions are tracked in {D} until they are complete.",
	"Where a risk scores {N} or more, it is added to the risk register.",
	"We expect to carry out about {N} reviews linked to {T} each year.",
	"Training on {T} takes about {DUR} and you can do most of it online.",
	"Tell {P} if you need any reasonable adjustments.",
	"{G} meets {F}, and {M} of its members are partners.",
	"Keeping patients safe always comes first, even while a review is going on.",
	"Findings are shared with {X} in plain English.",
	"**Do not** put names or other personal details in {D}.",
	"Good practice in {T} is shared at {G}.",
	"Your views on {T} are welcome, and {P} will make sure they are heard.",
	"Ask {P} for a copy of {D} if you cannot find it.",
	"We check progress on {T} {W} and report any delays to {G}.",
	"Small changes often make the biggest difference to {X}.",
	"When something goes wrong, we talk openly with {X} and say sorry.",
	"Support is available for staff who are affected by a safety event.",
	"Take breaks when you need them and talk to {P} if you feel worried.",
	"Plans for {T} are agreed with {X} before they start.",
	"Each action has one named owner and a date by which it should be done.",
	"{P} keeps {D} up to date and shares it with {G}.",
	"Use the shared folder for papers and never send them to a personal email address.",
	"Meetings last about {DUR}, with a short break in the middle.",
	"Papers are sent out {N} working days before each meeting.",
	"If a patient is at risk of harm, act first and report afterwards.",
	"We use what we learn about {T} to improve training for {X}.",
	"New starters meet {P} in their first {N} weeks.",
	"There is no wrong question, and {P} would rather you asked.",
	"We review this guidance at least every 3 years, or sooner if national advice changes.",
	"You can find older versions of {D} in the document library.",
	"Learning from {T} is reported to {G} {W}.",
	"A short summary is enough, and you do not need to write a full report.",
	"We measure progress using a small number of clear measures.",
	"Listening to {X} helps us spot problems earlier.",
	"Speak to {P} before you share anything outside the trust.",
	"Everyone involved in {T} should feel able to speak up.",
	"A partner can ask for a topic to be added to the agenda of {G}.",
	"Decisions are recorded in {D} with the reasons for them.",
	"We try to reply to every question about {T} {W}.",
	"{P} can arrange extra training if you need it.",
	"Reviews focus on systems and processes, not on individuals.",
	"We involve {X} at every stage, from planning to evaluation.",
	"Look at the latest data on {T} before each meeting.",
	"Where the guidance and local practice differ, ask {P} which applies.",
	"Record the date you finished each step in {D}.",
	"**Keeping people safe** matters more than finishing the paperwork on time.",
	"Most teams review {T} {F}, and more often when there is a concern.",
	"We pay travel costs and give {N} days notice of any change to a meeting.",
	"Your first few meetings are about listening and getting to know the team.",
	"It is fine to say you do not understand, and to ask for a term to be explained.",
	"Each year {G} publishes a short report on {T}.",
}

// codeSentences mention a file name in inline code; {C} is the file name.
var codeSentences = []string{
	"Save your notes as `{C}` in the shared folder.",
	"The template is called `{C}` and is on the intranet.",
	"Send `{C}` to {P} {W}.",
	"Keep a copy of `{C}` until the review is closed.",
}

// linkSentences introduce a link to another page; {L} is the link.
var linkSentences = []string{
	"For more detail, see {L}.",
	"{L} explains what happens next.",
	"You may also find {L} useful.",
	"Read {L} before your first meeting.",
	"There is more about this in {L}.",
	"Check {L} if you are not sure.",
	"{L} covers the same ground for other teams.",
}

// anchorSentences introduce a link to a section of another page; {L} is
// the link and {TITLE} that page's title.
var anchorSentences = []string{
	"See the section on {L} in {TITLE}.",
	"The part of {TITLE} about {L} has more on this.",
	"{TITLE} also covers {L}.",
}

// externalLinks are national pages on the NHS England website.
var externalLinks = [][2]string{
	{"NHS patient safety strategy", "https://www.england.nhs.uk/patient-safety/the-nhs-patient-safety-strategy/"},
	{"Patient Safety Incident Response Framework", "https://www.england.nhs.uk/patient-safety/patient-safety-insight/incident-response-framework/"},
	{"framework for involving patients in patient safety", "https://www.england.nhs.uk/patient-safety/framework-for-involving-patients-in-patient-safety/"},
	{"Learn from patient safety events service", "https://www.england.nhs.uk/patient-safety/patient-safety-insight/learning-from-patient-safety-events/learn-from-patient-safety-events-service/"},
	{"Freedom to Speak Up guidance", "https://www.england.nhs.uk/ourwork/freedom-to-speak-up/"},
	{"national patient safety alerts", "https://www.england.nhs.uk/patient-safety/patient-safety-alerts/"},
	{"patient safety syllabus and training", "https://www.england.nhs.uk/patient-safety/patient-safety-education-and-training/"},
	{"guidance on learning from deaths", "https://www.england.nhs.uk/patient-safety/learning-from-deaths/"},
	{"NHS Constitution", "https://www.england.nhs.uk/nhs-constitution/"},
}

// externalSentences introduce an external link; {L} is the link.
var externalSentences = []string{
	"Read the {L} on the NHS England website.",
	"NHS England publishes the {L}.",
	"For the national picture, see the {L}.",
}

// listLeads introduce bullet lists; {T} is the topic.
var listLeads = []string{
	"When you report a concern about {T}, include",
	"You will be asked about",
	"Good notes cover",
	"Before the meeting, check",
	"The group looks at",
	"Partners help with",
	"Common themes include",
	"You can get support from",
	"A good update on {T} covers",
}

// bulletItems are list items that read on from a lead-in.
var bulletItems = []string{
	"the date and time of the event", "who was involved and their role",
	"what happened, in your own words", "any harm to the patient",
	"what has been done since", "the latest data on {T}",
	"actions that are overdue", "new risks and how they are scored",
	"feedback from {X}", "learning from other trusts", "training needs for {X}",
	"changes to national guidance", "how the change will be checked",
	"who needs to know about it", "the support you need", "dates for your diary",
	"questions you want to ask", "what went well and what could be better",
	"how {X} were involved",
}

// keyedItems are bullet items with a bold lead word.
var keyedItems = []string{
	"**When** – {W}", "**Who** – {P}", "**Where** – on the ward or online",
	"**Records** – {D}", "**Support** – {P} can help", "**Cost** – travel and parking are paid",
	"**How long** – about {DUR}", "**Reports to** – {G}",
}

// stepLeads introduce numbered lists; %d is the number of steps.
var stepLeads = []string{
	"Follow these steps", "To get started", "The process has %d steps",
	"Work through these in order",
}

// steps are numbered-list items.
var steps = []string{
	"Read {D}.", "Talk to {P} about {T}.", "Agree the actions and who owns each one.",
	"Record the outcome in {D}.", "Share the learning with {X}.", "Check progress {W}.",
	"Book a time with {P}.", "Complete the online training.", "Send your notes to {P} {W}.",
	"Join the next meeting of {G}.", "Ask {X} what they think.",
	"Write a short summary of what you found.", "Close the action when the change is in place.",
	"Tell the person who raised the concern what happened.",
}

// tasks are checklist items.
var tasks = []string{
	"Read {D}", "Meet {P}", "Complete the online training on {T}", "Join a meeting of {G}",
	"Set up your email account", "Visit a ward with {P}", "Agree your learning goals",
	"Claim your first expenses", "Read the role description", "Book your ID badge photo",
	"Sign the confidentiality agreement",
}

// taskLeads introduce task lists.
var taskLeads = []string{
	"Use this checklist to keep track", "Before you start, make sure you have done these",
	"Tick these off as you go",
}

// quotes are things people have said, for blockquotes.
var quotes = []string{
	"Being listened to made all the difference to our family.",
	"I was nervous at my first meeting, but everyone wanted to hear what I had to say.",
	"The best reviews start by asking what it is like to be the patient.",
	"Speaking up is easier when you know someone will act on it.",
	"We changed the way we hand over patients because a partner asked a simple question.",
	"Safety is not a project with an end date. It is how we work every day.",
	"I did not need to know the jargon. I needed to ask why.",
}

// quoteSources attribute quotes.
var quoteSources = []string{
	"A Patient Safety Partner", "A ward manager", "A family member",
	"A member of the Patient Safety Committee", "A newly qualified nurse",
}

// alertKinds are GitHub alert types with how often each is picked.
var alertKinds = []string{"NOTE", "NOTE", "NOTE", "WARNING", "WARNING", "TIP", "IMPORTANT"}

// alertTexts are the bodies of alerts.
var alertTexts = []string{
	"If a patient is in danger now, call for help first and report afterwards.",
	"Do not share papers marked confidential outside the meeting.",
	"This guidance changed in the last year, so check you have the latest version of {D}.",
	"Ask {P} before you contact a patient or family directly.",
	"Expenses claims must reach the finance team within 3 months.",
	"You can stop at any time and ask for a break.",
}

// headings2 are section headings. Headings hold only letters, digits and
// spaces, so every slug rule gives the same anchor.
var headings2 = []string{
	"Purpose", "Who this is for", "Background", "Roles and responsibilities",
	"What to do", "How to raise a concern", "When to escalate", "Training and support",
	"Monitoring and review", "Further reading", "Key contacts", "Before the meeting",
	"During the meeting", "After the meeting", "Record keeping", "Sharing learning",
	"Equality and inclusion", "Frequently asked questions", "What we expect from you",
	"What you can expect from us", "How decisions are made", "Timescales", "Getting help",
	"Confidentiality", "Involving patients and families", "Measuring success",
	"Reporting", "Risks and issues", "Next steps", "Summary", "Scope", "Definitions",
	"Principles", "Checking your progress", "Working with other teams",
	"Useful documents", "Expenses and payment", "Your first weeks", "Support for staff",
}

// topicHeadings are section headings about the page's topic; %s is it.
var topicHeadings = []string{
	"Why we care about %s", "How we handle %s", "Your part in %s", "Getting started with %s",
	"Common questions about %s", "Who leads on %s", "Improving %s", "Reporting on %s",
	"Learning from %s", "Recent changes to %s",
}

// headings3 are subsection headings.
var headings3 = []string{
	"For ward staff", "For managers", "For partners", "First steps", "What good looks like",
	"Examples", "What to record", "Who to tell", "Out of hours", "Support available",
	"Documents you need", "Sharing what you learn", "Checking progress", "Local arrangements",
	"Common mistakes", "If you disagree", "Paying expenses", "Meeting dates",
	"Urgent concerns", "Routine concerns", "Online options", "Meeting in person",
	"Quick checks", "Longer reviews", "Working with families", "Keeping records",
}

// relatedHeading heads the list of related pages that ends some pages.
const relatedHeading = "Related pages"

// roleDuties fill the second column of a roles table.
var roleDuties = []string{
	"Leads the review and agrees the actions", "Brings the view of patients and families",
	"Checks that actions are complete", "Chairs the meeting and signs off the minutes",
	"Collects the data and prepares the report", "Supports staff who were involved",
	"Shares the learning across the trust", "Keeps the risk register up to date",
}

// reviewCycles fill the review column of a documents table.
var reviewCycles = []string{"Every year", "Every 2 years", "Every 3 years", "Every 6 months"}

// stepTimes fill the timescale column of a steps table.
var stepTimes = []string{
	"Within 48 hours", "Within 5 working days", "Within 2 weeks", "Within 1 month",
	"Before the next meeting", "Within 3 months",
}

// stepNames fill the first column of a steps table.
var stepNames = []string{
	"Report the event", "Make the area safe", "Agree the type of review",
	"Talk to the family", "Gather the facts", "Agree the actions", "Share the learning",
	"Close the review",
}

// terms are glossary rows for a terms table.
var terms = [][2]string{
	{"Learning response", "A review that looks at what happened and what we can learn"},
	{"Action log", "A list of agreed actions with an owner and a date"},
	{"Terms of reference", "A short document that says what a group is for and how it works"},
	{"Quorum", "The smallest number of members needed for a meeting to make decisions"},
	{"Safety huddle", "A short daily meeting where a team talks about risks"},
	{"Duty of candour", "Being open with patients and families when something goes wrong"},
	{"Escalation", "Passing a concern to someone more senior so that they can act"},
	{"Thematic review", "A review that looks for patterns across several events"},
	{"Harm", "An injury or illness that happened because of the care given"},
	{"Near miss", "An event that could have caused harm but did not"},
}

// tableLeads introduce tables.
var tableLeads = []string{
	"The table below sets out who does what.", "This table gives the main points.",
	"Use the table below as a quick reference.", "The table shows the usual arrangements.",
}

// imageCatalogue lists the pictures a folder can hold: file name without
// extension, then alt text.
var imageCatalogue = [][2]string{
	{"incident-flowchart", "Flowchart showing how an incident report moves from the ward to a learning review"},
	{"committee-structure", "Diagram of the committees that report to the trust board"},
	{"escalation-pathway", "Escalation pathway from ward staff to the executive on call"},
	{"induction-timeline", "Timeline of the first 6 months of induction"},
	{"learning-cycle", "The four stages of the learning cycle, which are report, review, act and share"},
	{"risk-matrix", "Risk scoring matrix with likelihood across and consequence down"},
	{"meeting-room-map", "Map of the ground floor showing the way to the main meeting room"},
	{"reporting-trend", "Bar chart of incident reports each month over the last year"},
	{"handover-tool", "Example of a completed handover sheet with the key sections labelled"},
	{"team-photo", "The patient safety team standing outside the main entrance"},
	{"improvement-model", "The model for improvement with its three questions and a plan, do, study, act cycle"},
	{"expenses-form", "Screenshot of the expenses claim form with the boxes you must fill in highlighted"},
	{"safety-cross", "A safety cross calendar with the days without a fall shaded green"},
	{"ward-layout", "Plan of a typical ward showing the nurses station and the bays"},
	{"partner-journey", "Journey map of a Patient Safety Partner from application to the end of the first year"},
}

// imageLeads introduce an image.
var imageLeads = []string{
	"The picture below shows the main steps.", "This diagram may help.",
	"Here is how it looks in practice.",
}

// trustPlaces name fictional trusts in handbook.yaml.
var trustPlaces = []string{
	"Benchmark", "Northvale", "Eastbrook", "Westmere", "Southfield", "Riverside",
	"Highmoor", "Lakeside",
}

// trustForms complete a trust's name; %s is its place.
var trustForms = []string{
	"%s Hospitals NHS Foundation Trust", "%s Healthcare NHS Trust",
	"%s University Hospitals NHS Foundation Trust",
}

// approvers approve the handbook in handbook.yaml.
var approvers = []string{"Patient Safety Committee", "Quality Committee", "Trust Board"}
