// Datasets target.
