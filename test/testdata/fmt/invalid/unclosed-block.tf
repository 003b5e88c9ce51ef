locals {
  a = 1 # no newline after comment