//! Work spread over the machine's cores, with results in input order so that the output never
//! depends on the threads.

use std::sync::Mutex;

/// `work` applied to each input on as many threads as there are cores; results in input order.
pub(crate) fn parallel_map<T: Send, R: Send>(
    inputs: Vec<T>,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(inputs.len());
    if threads <= 1 {
        return inputs.into_iter().map(work).collect();
    }
    let queue = Mutex::new(inputs.into_iter().enumerate());
    let next = || queue.lock().unwrap_or_else(|p| p.into_inner()).next();
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    while let Some((i, input)) = next() {
                        out.push((i, work(input)));
                    }
                    out
                })
            })
            .collect();
        let joined = workers.into_iter().map(|w| w.join());
        joined
            .flat_map(|r| r.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
