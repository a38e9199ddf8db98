// Command smhbin browses and restores the recycle bin of a Tencent Cloud
// Smart Media Hosting (SMH) library, in a terminal UI or from scripts.
package main

func main() {}
