locals {
  café = 1
  ab = "é" # c1
  abc = "日本語" # c2
  a = "😀" # c3
  naïve_name = "x"
}
