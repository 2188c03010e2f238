Console.WriteLine("speech-emotion");
