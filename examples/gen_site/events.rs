//! Synthetic ETW events: names, levels, keywords, payloads and messages in
//! the shapes of `shared/corpus/content/en-US/etw`.

use crate::rng::Rng;

const NOUNS: &[&str] = &[
    "Dispatch",
    "Session",
    "Channel",
    "Listener",
    "Service",
    "Host",
    "Message",
    "Queue",
    "Transaction",
    "Activity",
    "Workflow",
    "Instance",
    "Endpoint",
    "Security",
    "Token",
    "Quota",
    "Throttle",
    "Buffer",
    "Pool",
    "Connection",
    "Routing",
    "Persistence",
    "Tracking",
    "Certificate",
    "Contract",
    "Operation",
    "Binding",
    "Behavior",
    "Dispatcher",
    "Socket",
    "Stream",
    "Reader",
    "Writer",
    "Serializer",
    "Formatter",
    "Identity",
    "Claim",
    "Policy",
    "Metadata",
    "Proxy",
    "Inspector",
    "Handler",
    "Lease",
    "Timer",
    "Scheduler",
    "Callback",
    "Fault",
    "Reply",
    "Request",
    "Pipe",
];
/// Past participles; the transitive ones can take an object in messages.
const VERBS: &[(&str, bool)] = &[
    ("Failed", false),
    ("Started", false),
    ("Completed", false),
    ("Opened", true),
    ("Closed", true),
    ("Faulted", false),
    ("Aborted", true),
    ("Received", true),
    ("Sent", true),
    ("Exceeded", true),
    ("Created", true),
    ("Disposed", false),
    ("Rejected", true),
    ("Accepted", true),
    ("Stopped", false),
    ("Resumed", false),
    ("Suspended", false),
    ("Canceled", true),
    ("Expired", false),
    ("Validated", true),
    ("Invoked", true),
    ("Scheduled", true),
    ("Allocated", true),
    ("Released", true),
];
const KEYWORDS: &[(&str, u32)] = &[
    ("ServiceModel", 39),
    ("Channel", 37),
    ("HTTP", 35),
    ("Security", 33),
    ("ActivationServices", 31),
    ("RoutingServices", 29),
    ("Quota", 24),
    ("Discovery", 21),
    ("WebHost", 19),
    ("Serialization", 17),
    ("Troubleshooting, ServiceModel", 15),
    ("Infrastructure", 13),
    ("WFRuntime", 10),
    ("HealthMonitoring, EndToEndMonitoring, Troubleshooting, ServiceModel", 8),
    ("TransportGeneral", 6),
    ("WCFMessageLogging, Troubleshooting", 4),
];
const LEVELS: &[(&str, u32)] = &[
    ("Verbose", 160),
    ("Information", 100),
    ("Warning", 41),
    ("Error", 40),
    ("Critical", 5),
    ("LogAlways", 3),
];
const CHANNELS: &[(&str, u32)] = &[
    ("Microsoft-Windows-Application Server-Applications/Debug", 212),
    ("Microsoft-Windows-Application Server-Applications/Analytic", 138),
    ("Microsoft-Windows-Application Server-Applications/Operational", 8),
];
const CONTEXTS: &[&str] = &[
    "a client request is processed",
    "the service host is opened",
    "the channel stack is built",
    "the instance is released",
    "the message is read from the transport",
    "the transaction is committed",
    "the listener accepts a new connection",
    "the workflow instance is persisted",
    "the dispatcher selects an operation",
    "the lease on the connection runs out",
];
const PAYLOAD: &[(&str, &str, &str)] = &[
    (
        "AppDomain",
        "xs:string",
        "The string returned by AppDomain.CurrentDomain.FriendlyName.",
    ),
    (
        "HostReference",
        "xs:string",
        "For Web-hosted services, this field uniquely identifies the service in the Web hierarchy. Its format is \
         defined as 'Web Site Name Application Virtual Path&#124;Service Virtual Path&#124;ServiceName'. Example: \
         'Default Web Site/CalculatorApplication&#124;/CalculatorService.svc&#124;CalculatorService'.",
    ),
    (
        "TypeName",
        "xs:string",
        "The CLR FullName of the invoked inspector's type.",
    ),
    (
        "SessionId",
        "xs:string",
        "The identifier of the session that raised the event.",
    ),
    (
        "ActivityId",
        "xs:GUID",
        "The activity that was current when the event was raised.",
    ),
    (
        "Count",
        "xs:int",
        "The number of items that were processed before the event.",
    ),
    (
        "Uri",
        "xs:anyURI",
        "The address of the endpoint that the operation targeted.",
    ),
    (
        "Duration",
        "xs:long",
        "The time, in milliseconds, that the operation took.",
    ),
    (
        "ExceptionMessage",
        "xs:string",
        "The message of the exception, if one was thrown.",
    ),
];
const SETTINGS: &[&str] = &[
    "MaxConcurrentCalls",
    "MaxConcurrentSessions",
    "MaxReceivedMessageSize",
    "LeaseTimeout",
];
const TOOLS: &[&str] = &["Logman", "EventViewer", "Perfmon"];

/// A synthetic ETW event.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: u32,
    pub name: String,
    pub slug: String,
    pub title: String,
    pub keywords: String,
    pub level: String,
    pub channel: String,
    pub description: String,
    pub message: String,
    /// Page extras, in the shares of the corpus.
    pub name_para: bool,
    pub note: Option<String>,
    pub payload: Vec<(String, String, String)>,
}

fn split_camel(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_uppercase() || words.is_empty() {
            words.push(String::new());
        }
        words.last_mut().expect("pushed").push(c);
    }
    words
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `count` events with unique, increasing IDs and unique names.
pub fn make_events(count: usize, seed: u64) -> Vec<Event> {
    let mut rng = Rng::from_parts(seed, &["events"]);
    let mut used = std::collections::HashSet::new();
    let mut events = Vec::with_capacity(count);
    let mut id = 100u32;
    for _ in 0..count {
        let (name, n1, n2, verb, transitive) = loop {
            let n1 = *rng.pick(NOUNS);
            let n2 = *rng.pick(NOUNS);
            let (verb, transitive) = *rng.pick(VERBS);
            if n1 == n2 {
                continue;
            }
            let name = format!("{n1}{n2}{verb}");
            if used.insert(name.clone()) {
                break (name, n1, n2, verb, transitive);
            }
            if used.len() > NOUNS.len() * NOUNS.len() * VERBS.len() * 3 / 4 {
                // Nearly exhausted: number the name.
                let name = format!("{name}{}", used.len());
                used.insert(name.clone());
                break (name, n1, n2, verb, transitive);
            }
        };
        id += *rng.pick(&[1, 1, 1, 2, 3, 7]);
        let subject = format!("{} {}", n1.to_lowercase(), n2.to_lowercase());
        let v = verb.to_lowercase();
        events.push(Event {
            id,
            slug: format!("{id}-{}", name.to_lowercase()),
            title: format!("{id} - {name}"),
            keywords: rng.weighted(KEYWORDS).to_string(),
            level: rng.weighted(LEVELS).to_string(),
            channel: rng.weighted(CHANNELS).to_string(),
            description: String::new(),
            message: message(&mut rng, &subject, &v, transitive),
            name_para: rng.chance(0.04),
            note: rng
                .chance(0.02)
                .then(|| format!("This event is not emitted for one-way {}s.", n2.to_lowercase())),
            payload: if rng.chance(0.095) {
                let k = 2 + rng.below(3);
                let mut rows: Vec<(String, String, String)> = Vec::new();
                while rows.len() < k {
                    let (a, b, c) = *rng.pick(PAYLOAD);
                    if !rows.iter().any(|r| r.0 == a) {
                        rows.push((a.into(), b.into(), c.into()));
                    }
                }
                rows
            } else {
                Vec::new()
            },
            name,
        });
    }
    // Descriptions last: they may link to any other event.
    for i in 0..events.len() {
        let other = events[rng.below(events.len())].clone();
        let d = description(&mut rng, &events[i], &other);
        events[i].description = d;
    }
    events
}

fn message(rng: &mut Rng, subject: &str, verb: &str, transitive: bool) -> String {
    let cap = capitalize(subject);
    let mut m = match rng.below(100) {
        0 => "%1".to_string(),
        1..=40 => format!("{cap} {verb}."),
        41..=60 => format!("The {subject} '%1' was {verb}."),
        61..=75 if transitive => format!("The {} '%1' {verb} the request '%2'.", subject),
        61..=75 => format!("{cap} {verb}: %1."),
        76..=88 => format!("{cap} {verb} after %1 ms."),
        _ => format!("{cap} {verb} with status '%1'."),
    };
    if m != "%1" && rng.chance(0.06) {
        m.push_str(" The operation duration was '%2' ms.");
    }
    m
}

fn description(rng: &mut Rng, ev: &Event, other: &Event) -> String {
    let words = split_camel(&ev.name);
    let n = words.len();
    let subject = words[..n - 1].join(" ").to_lowercase();
    let verb = words[n - 1].to_lowercase();
    let mut d = match rng.below(100) {
        0..=54 => format!("This event is emitted when the {subject} has {verb}."),
        55..=74 => format!("This event is emitted when {}.", rng.pick(CONTEXTS)),
        75..=88 => format!(
            "This event is emitted after the Service Model has invoked the `On{}{}` method on a {subject}.",
            words[1],
            words[n - 1]
        ),
        _ => format!(
            "This event is emitted when the **{}** limit of the {subject} is reached.",
            rng.pick(SETTINGS)
        ),
    };
    let extra = rng.below(100);
    if extra < 25 {
        d.push(' ');
        d.push_str(&match rng.below(5) {
            0 => format!("It is raised while {}.", rng.pick(CONTEXTS)),
            1 => format!(
                "The {} is identified by the `{}` data item.",
                words[0].to_lowercase(),
                rng.pick(PAYLOAD).0
            ),
            2 | 3 if other.id != ev.id => format!("For more information, see [{}]({}.md).", other.title, other.slug),
            4 => format!(
                "Use the **{}** tool to view these events in the Event Viewer.",
                rng.pick(TOOLS)
            ),
            _ => format!("This event is emitted only once per {}.", words[n - 2].to_lowercase()),
        });
        if extra < 5 {
            d.push_str(" No action is required.");
        }
    }
    d
}
