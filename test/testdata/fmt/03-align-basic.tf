variable "x" {
  type = string
  default = "a"
  description = "the x variable"
  nullable = false
}
