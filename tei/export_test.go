package tei

// HeadParties exposes headParties to the tests.
var HeadParties = headParties
