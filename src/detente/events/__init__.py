"""Events: who did what to whom, when, how sure, with the sentence as evidence."""
