locals {
  a = 1
}
b = 1 # no newline after comment