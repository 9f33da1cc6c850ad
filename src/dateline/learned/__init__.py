"""Learned event components: scikit-learn models trained by ``scripts/train_event_models.py``.

- :mod:`.sentence_types`: which PLOVER type (or NONE) a sentence reports;
- :mod:`.reportable`: whether an event the rule coder found is a reportable news event
  (not background, speculation or a retelling);
- :mod:`.roles`: which actor mention of an event's sentence is its actor and which its
  recipient, a check on the argument rules where it is sure (:mod:`.role_labels` labels it);
- :mod:`.refine`: applies both to a finished :class:`~dateline.document.Document`;
- :mod:`.corpus`: the tune-part training data (PLV, PLOVER GSR, reports, our own sentences).

The models ship in ``models/`` as skops files and load lazily, once, on first use; nothing
here loads at import.
"""
