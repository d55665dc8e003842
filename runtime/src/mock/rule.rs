//! A rule: which calls of one operation it answers, and with what, in order.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;

use super::reply::Reply;
use super::sent::Sent;
use crate::error::TransportKind;

/// One operation of a generated crate, as its `mock` module describes it: the type holds the
/// call's inputs, and [`Operation::reply`] says how a result travels back.
pub trait Operation: Any + Send + Sync + Sized {
    /// The client method's name.
    const NAME: &'static str;
    /// What the client method returns on success.
    type Output;
    /// The 2XX response that the client reads as `output`.
    fn reply(output: &Self::Output) -> Reply;
}

/// What a rule gives one request.
#[derive(Clone)]
pub(super) enum Answer {
    Reply(Reply),
    Transport(TransportKind),
    Timeout,
}

type Predicate<Op> = Box<dyn Fn(&Op) -> bool + Send + Sync>;

/// Answers the calls of operation `Op` that its predicate accepts: made by the generated `mock`
/// module's `Op::matching(..)` or `Op::any()`, given answers with the `then_*` methods, and
/// added to a [`Mock`](super::Mock) with `on`.
///
/// Answers are given in order, one per request (a retry is a request), and the last one
/// repeats: `.then_status(503, "").then_ok(value)` fails once, then succeeds.
#[must_use = "a rule does nothing until it is added to a mock with `on`"]
pub struct Rule<Op> {
    predicate: Option<Predicate<Op>>,
    answers: Vec<Answer>,
    _op: PhantomData<fn(&Op)>,
}

impl<Op: Operation> Rule<Op> {
    /// A rule for every call of the operation.
    pub fn any() -> Self {
        Rule {
            predicate: None,
            answers: Vec::new(),
            _op: PhantomData,
        }
    }

    /// A rule for the calls whose inputs `predicate` accepts.
    pub fn matching(predicate: impl Fn(&Op) -> bool + Send + Sync + 'static) -> Self {
        Rule {
            predicate: Some(Box::new(predicate)),
            ..Rule::any()
        }
    }

    /// Answers with a success the client reads as `output`.
    pub fn then_ok(self, output: Op::Output) -> Self {
        self.then_reply(Op::reply(&output))
    }

    /// Answers with `status` and `body` as JSON.
    pub fn then_json(self, status: u16, body: impl Serialize) -> Self {
        self.then_reply(Reply::json(status, &body))
    }

    /// Answers with `status` and `body` as text (e.g. `503` and `""` to have the call retried).
    pub fn then_status(self, status: u16, body: impl Into<String>) -> Self {
        self.then_reply(Reply::text(status, body))
    }

    /// Answers with any response.
    pub fn then_reply(mut self, reply: Reply) -> Self {
        self.answers.push(Answer::Reply(reply));
        self
    }

    /// Fails the attempt as the network would: `Connect` (retried, since nothing was sent) or
    /// `Io` (the connection broke). The error's source is a stand-in.
    pub fn then_transport_error(mut self, kind: TransportKind) -> Self {
        self.answers.push(Answer::Transport(kind));
        self
    }

    /// Never answers, so that the attempt ends with [`Error::Timeout`](crate::Error::Timeout)
    /// after the client's timeout.
    pub fn then_timeout(mut self) -> Self {
        self.answers.push(Answer::Timeout);
        self
    }

    pub(super) fn has_answers(&self) -> bool {
        !self.answers.is_empty()
    }
}

impl<Op: Operation> fmt::Debug for Rule<Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("operation", &Op::NAME)
            .field("matching", &self.predicate.is_some())
            .field("answers", &self.answers.len())
            .finish()
    }
}

/// A rule of any operation, as a mock keeps them.
pub(super) trait AnyRule: Send + Sync {
    fn operation(&self) -> &'static str;
    /// The next answer, when the rule matches `sent`.
    fn answer(&mut self, sent: &Sent) -> Option<Answer>;
}

impl<Op: Operation> AnyRule for Rule<Op> {
    fn operation(&self) -> &'static str {
        Op::NAME
    }

    fn answer(&mut self, sent: &Sent) -> Option<Answer> {
        let input = sent.input::<Op>()?;
        if !self.predicate.as_ref().is_none_or(|accepts| accepts(input)) {
            return None;
        }
        if self.answers.len() > 1 {
            Some(self.answers.remove(0))
        } else {
            self.answers.first().cloned()
        }
    }
}
