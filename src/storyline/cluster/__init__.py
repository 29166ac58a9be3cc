"""Online clustering of articles into events."""

from storyline.cluster.online import EventClusterer, event_id_for, label_for

__all__ = ["EventClusterer", "event_id_for", "label_for"]
