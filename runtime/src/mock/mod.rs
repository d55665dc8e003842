//! An in-memory transport for tests of code that calls a generated client (feature
//! `test-util`): rules answer each operation's calls, and the calls made can be read back.
//!
//! A generated crate's `mock` module has one type per operation, holding the call's inputs as the
//! caller gave them, with `matching(..)` and `any()` making a [`Rule`] for that operation; so a
//! rule names the crate's own request and response types, and a spec change that breaks a test's
//! assumptions breaks its build. A client built with `.mock(&mock)` sends every request to the
//! [`Mock`] and never opens a socket.
//!
//! - A rule answers with the operation's result ([`Rule::then_ok`]), any status and body
//!   ([`Rule::then_status`], [`Rule::then_json`], [`Rule::then_reply`]), a transport error
//!   ([`Rule::then_transport_error`]) or no answer at all until the call times out
//!   ([`Rule::then_timeout`]). Answers are given in order and the last one repeats, so a
//!   sequence exercises retries and pagination.
//! - Rules are tried in the order they were added; the first whose operation and predicate match
//!   answers. A request no rule matches panics, naming the operation and showing the request.
//! - [`Mock::requests`] gives every request the client sent (retries included), and
//!   [`Mock::calls`] the typed inputs of one operation's calls.
//! - The Authing management token is answered by the mock itself, so tests need no rule for it.

mod reply;
mod rule;
mod sent;

pub use reply::Reply;
pub use rule::{Operation, Rule};
pub use sent::Sent;

use std::any::Any;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use super::error::{Error, Result};
use super::request::Request;
use rule::{Answer, AnyRule};

/// A call's typed inputs, as a generated request attaches them.
pub(crate) type Input = Arc<dyn Any + Send + Sync>;

/// The runtime's own request for an Authing management token, answered without a rule.
const TOKEN_OPERATION: &str = "get_management_token";

impl Request {
    /// Attaches the call's typed inputs (the generated `mock` module's type for the operation),
    /// which [`Rule`]s match on and [`Mock::calls`] gives back.
    pub fn mock_input<T: Any + Send + Sync>(mut self, input: T) -> Self {
        self.input = Some(Arc::new(input));
        self
    }
}

/// The rules a mocked client answers by, and the requests it sent. Clones share both.
#[derive(Clone, Default)]
pub struct Mock {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    rules: Mutex<Vec<Box<dyn AnyRule>>>,
    sent: Mutex<Vec<Sent>>,
}

impl Mock {
    /// A mock with no rules.
    pub fn new() -> Mock {
        Mock::default()
    }

    /// Adds a rule, tried after those added before it.
    ///
    /// # Panics
    ///
    /// When the rule has no answer (no `then_*` call).
    pub fn on<Op: Operation>(self, rule: Rule<Op>) -> Mock {
        self.add(rule);
        self
    }

    /// Adds a rule to a mock already in use, tried after those added before it.
    ///
    /// # Panics
    ///
    /// When the rule has no answer (no `then_*` call).
    pub fn add<Op: Operation>(&self, rule: Rule<Op>) {
        assert!(
            rule.has_answers(),
            "the mock rule for `{}` has no answer: add one with `then_ok` or another `then_*`",
            Op::NAME
        );
        lock(&self.inner.rules).push(Box::new(rule));
    }

    /// Every request the client sent, in order (each retry too), but for the management token.
    pub fn requests(&self) -> Vec<Sent> {
        lock(&self.inner.sent).clone()
    }

    /// The inputs of every call of the operation `Op` (each retry too), in order.
    pub fn calls<Op: Operation + Clone>(&self) -> Vec<Op> {
        let sent = lock(&self.inner.sent);
        sent.iter()
            .filter_map(|s| s.input::<Op>())
            .cloned()
            .collect()
    }

    /// The answer to one attempt, as the transport gives it.
    pub(crate) async fn exchange(
        &self,
        http_req: reqwest::Request,
        req: &Request,
        http: &reqwest::Client,
    ) -> Result<reqwest::Response> {
        let sent = Sent::new(&http_req, req);
        let answer = if sent.operation() == Some(TOKEN_OPERATION) && req.input.is_none() {
            Answer::Reply(Reply::management_token())
        } else {
            lock(&self.inner.sent).push(sent.clone());
            self.answer(&sent)
        };
        match answer {
            Answer::Reply(reply) => Ok(reply.into_response(http_req.url().clone())),
            Answer::Transport(kind) => Err(Error::Transport {
                kind,
                source: Arc::new(simulated_error(http)),
            }),
            Answer::Timeout => std::future::pending().await,
        }
    }

    fn answer(&self, sent: &Sent) -> Answer {
        let mut rules = lock(&self.inner.rules);
        if let Some(answer) = rules.iter_mut().find_map(|rule| rule.answer(sent)) {
            return answer;
        }
        let names: Vec<&str> = rules.iter().map(|rule| rule.operation()).collect();
        let known = if names.is_empty() {
            "the mock has no rules".to_owned()
        } else {
            format!("rules for: {}", names.join(", "))
        };
        drop(rules);
        let operation = sent.operation().unwrap_or("(unnamed)");
        panic!("no mock rule matches this `{operation}` request ({known}):\n{sent:?}");
    }
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules: Vec<&str> = lock(&self.inner.rules)
            .iter()
            .map(|r| r.operation())
            .collect();
        f.debug_struct("Mock")
            .field("rules", &rules)
            .field("requests", &lock(&self.inner.sent).len())
            .finish()
    }
}

/// A lock that a test's earlier panic does not make unusable.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A `reqwest::Error` to stand for a simulated transport failure (reqwest makes none other).
fn simulated_error(http: &reqwest::Client) -> reqwest::Error {
    match http.get("mock: simulated transport error").build() {
        Err(err) => err,
        Ok(_) => unreachable!("a URL without a scheme never parses"),
    }
}
