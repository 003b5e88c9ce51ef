variable "v" {
  default = "abc
}
