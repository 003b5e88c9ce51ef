variable "v" {
  type    = string
  nope    = 2
}
