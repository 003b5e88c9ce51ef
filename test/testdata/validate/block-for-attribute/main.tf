variable "v" {
  default {
    a = 1
  }
}
