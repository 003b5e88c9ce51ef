locals {
  a = 1
}
  	 