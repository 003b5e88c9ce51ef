variable "a" {
  type = "list"
}

variable "b" {
  type = "map"
}

variable "c" {
  type = "number"
}
