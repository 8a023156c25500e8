//! Per-device chain checks: every device numbers its events 1, 2, 3 … and links each to the one
//! before, so a gap (a lost or withheld event), a fork (two events claiming one position) or a
//! broken link is visible to whoever merges the logs.

use std::collections::BTreeMap;

use super::event::Event;
use super::ids::{DeviceId, EventId};

/// A defect in one device's chain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChainProblem {
    /// Seq 0 is never written (chains start at 1).
    ZeroSeq {
        /// The device.
        device: DeviceId,
        /// The event.
        event: EventId,
    },
    /// Seqs `from..=to` are missing before a later event.
    Gap {
        /// The device.
        device: DeviceId,
        /// First missing seq.
        from: u64,
        /// Last missing seq.
        to: u64,
    },
    /// Several different events claim the same seq (a restored backup kept writing, or tampering).
    Fork {
        /// The device.
        device: DeviceId,
        /// The seq.
        seq: u64,
        /// The competing events, sorted.
        events: Vec<EventId>,
    },
    /// The first event names a previous one.
    PrevOnFirst {
        /// The device.
        device: DeviceId,
        /// The event.
        event: EventId,
    },
    /// An event after the first names no previous one.
    MissingPrev {
        /// The device.
        device: DeviceId,
        /// The event.
        event: EventId,
    },
    /// An event's `prev` is not the id of the device's event one seq earlier.
    BrokenLink {
        /// The device.
        device: DeviceId,
        /// The event.
        event: EventId,
        /// The seq.
        seq: u64,
    },
}

/// Checks the chain of `device` among `events` (events of other devices are ignored; duplicates
/// of one event are not a fork). The chain is expected to start at seq 1.
pub fn check_device_chain<'a>(
    device: &DeviceId,
    events: impl IntoIterator<Item = &'a Event>,
) -> Vec<ChainProblem> {
    let mut by_seq: BTreeMap<u64, BTreeMap<&EventId, &Event>> = BTreeMap::new();
    for event in events.into_iter().filter(|e| e.device() == device) {
        by_seq
            .entry(event.seq())
            .or_default()
            .insert(event.id(), event);
    }
    let mut problems = Vec::new();
    let mut expected = 1u64;
    for (&seq, at_seq) in &by_seq {
        if seq == 0 {
            for id in at_seq.keys() {
                problems.push(ChainProblem::ZeroSeq {
                    device: device.clone(),
                    event: (*id).clone(),
                });
            }
            continue;
        }
        if seq > expected {
            problems.push(ChainProblem::Gap {
                device: device.clone(),
                from: expected,
                to: seq - 1,
            });
        }
        expected = seq.saturating_add(1);
        if at_seq.len() > 1 {
            problems.push(ChainProblem::Fork {
                device: device.clone(),
                seq,
                events: at_seq.keys().map(|id| (*id).clone()).collect(),
            });
        }
        let before = seq
            .checked_sub(1)
            .and_then(|s| by_seq.get(&s))
            .filter(|_| seq > 1);
        for event in at_seq.values() {
            let id = event.id().clone();
            match (seq, event.prev()) {
                (1, Some(_)) => {
                    problems.push(ChainProblem::PrevOnFirst {
                        device: device.clone(),
                        event: id,
                    });
                }
                (1, None) => {}
                (_, None) => {
                    problems.push(ChainProblem::MissingPrev {
                        device: device.clone(),
                        event: id,
                    });
                }
                (_, Some(prev)) => {
                    // Without the previous event (a gap) the link cannot be judged.
                    if before.is_some_and(|b| !b.contains_key(prev)) {
                        problems.push(ChainProblem::BrokenLink {
                            device: device.clone(),
                            event: id,
                            seq,
                        });
                    }
                }
            }
        }
    }
    problems
}

/// Checks every device's chain among `events`, devices in order.
pub fn check_chains<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<ChainProblem> {
    let mut by_device: BTreeMap<&DeviceId, Vec<&Event>> = BTreeMap::new();
    for event in events {
        by_device.entry(event.device()).or_default().push(event);
    }
    by_device
        .into_iter()
        .flat_map(|(device, list)| check_device_chain(device, list))
        .collect()
}
