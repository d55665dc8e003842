//! Per-request overhead: the generated `update_phone` against the same call written by hand with
//! reqwest, both to one loopback server; allocations per call are counted and printed first.

use codegen_bench::{alloc, server};
use criterion::{criterion_group, criterion_main, Criterion};
use generated_client::types::{CommonResponseDto, UpdatePhoneDto};
use generated_client::ManagementClient;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::runtime::Runtime;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// The body, as someone writing the call by hand would declare it.
#[derive(Serialize)]
struct UpdatePhone<'a> {
    #[serde(rename = "updatePhoneToken")]
    update_phone_token: &'a str,
}

/// The answer, likewise.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Common {
    #[serde(rename = "statusCode")]
    status_code: f64,
    message: String,
    #[serde(rename = "apiCode")]
    api_code: Option<f64>,
    #[serde(rename = "requestId")]
    request_id: Option<String>,
}

struct HandWritten {
    http: reqwest::Client,
    url: String,
    /// A per-request timeout, as the generated client always sets one (10 s by default).
    timeout: Option<Duration>,
}

impl HandWritten {
    fn new(base_url: &str, timeout: Option<Duration>) -> Self {
        HandWritten {
            http: reqwest::Client::new(),
            url: format!("{base_url}/api/v3/update-phone"),
            timeout,
        }
    }

    async fn update_phone(&self, token: &str) -> reqwest::Result<Common> {
        let mut request = self.http.post(&self.url);
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        request
            .bearer_auth("bench-token")
            .json(&UpdatePhone {
                update_phone_token: token,
            })
            .send()
            .await?
            .error_for_status()?
            .json()
            .await
    }
}

fn generated(base_url: &str) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id("bench-id")
        .access_key_secret("bench-secret")
        .base_url(base_url)
        .build()
        .expect("a valid client")
}

async fn generated_call(client: &ManagementClient, body: &UpdatePhoneDto) -> CommonResponseDto {
    client.update_phone(body).await.expect("the call succeeds")
}

/// Allocations and bytes per call, averaged over `n` warm calls.
fn per_call(rt: &Runtime, n: usize, mut call: impl FnMut(&Runtime)) -> (f64, f64) {
    call(rt);
    alloc::reset();
    for _ in 0..n {
        call(rt);
    }
    let s = alloc::stats();
    (s.count as f64 / n as f64, s.bytes as f64 / n as f64)
}

const ROUNDS: usize = 41;
const BATCH: usize = 200;

/// The time of `a` over the time of `b`, measured in alternating batches so that load from other
/// processes, which drifts over seconds, weighs on both alike: the median of the rounds' ratios.
fn interleaved_ratio<A, B>(mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> f64 {
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            (0..BATCH).for_each(|_| drop(a()));
            let ta = start.elapsed();
            let start = Instant::now();
            (0..BATCH).for_each(|_| drop(b()));
            ta.as_secs_f64() / start.elapsed().as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

fn bench(c: &mut Criterion) {
    let server = server::start().expect("a loopback server");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = generated(&server.base_url);
    let hand = HandWritten::new(&server.base_url, None);
    let hand_timeout = HandWritten::new(&server.base_url, Some(Duration::from_secs(10)));
    let body = UpdatePhoneDto::new("pt-bench");
    let (gen_allocs, gen_bytes) = per_call(&rt, 1000, |rt| {
        rt.block_on(generated_call(&client, &body));
    });
    let (hand_allocs, hand_bytes) = per_call(&rt, 1000, |rt| {
        rt.block_on(hand.update_phone("pt-bench"))
            .expect("the call succeeds");
    });
    println!("allocations per call: generated {gen_allocs:.1} ({gen_bytes:.0} bytes), hand-written {hand_allocs:.1} ({hand_bytes:.0} bytes)");
    let ratio = interleaved_ratio(
        || rt.block_on(generated_call(&client, &body)),
        || {
            rt.block_on(hand.update_phone("pt-bench"))
                .expect("the call succeeds")
        },
    );
    let ratio_timeout = interleaved_ratio(
        || rt.block_on(generated_call(&client, &body)),
        || {
            rt.block_on(hand_timeout.update_phone("pt-bench"))
                .expect("the call succeeds")
        },
    );
    println!(
        "generated / hand-written, median of {ROUNDS} interleaved rounds of {BATCH} calls each: \
         {ratio:.3}; against hand-written with a 10 s timeout: {ratio_timeout:.3}"
    );
    let mut group = c.benchmark_group("update_phone");
    group.bench_function("generated", |b| {
        b.iter(|| rt.block_on(generated_call(&client, &body)))
    });
    group.bench_function("hand-written reqwest", |b| {
        b.iter(|| {
            rt.block_on(hand.update_phone("pt-bench"))
                .expect("the call succeeds")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
